/**
 * Partner feed keys: create, rotate, revoke and list them in the key store. A new key is written
 * once, to `stdout` only; the store, the reporter and logs only ever see its SHA-256 hash.
 */
import {
  createRecord,
  generateKey,
  hashKey,
  parseRecord,
  partnerOfRecordKey,
  recordKeyOf,
  rotateRecord,
} from './partner-key-record.js';
import type { PartnerKeyStore } from '../../core/ports/partner-key-store.js';
import type { Reporter } from '../reporter.js';

/** How long a rotated key stays valid: 24 hours unless asked, at most 30 days. */
export const GRACE_HOURS = { default: 24, max: 24 * 30 } as const;

/** The grace period `text` asks for (none: the default), in hours; null when it is not one. */
export function graceHoursOf(text: string | undefined): number | null {
  const hours = text === undefined ? GRACE_HOURS.default : Number(text);
  return Number.isFinite(hours) && hours >= 0 && hours <= GRACE_HOURS.max ? hours : null;
}

/** Where the use case writes: the key goes to `stdout` only, everything else to `reporter`. */
export interface PartnerKeyIo {
  stdout(text: string): void;
  reporter: Reporter;
}

/** Writes race only with other operators; a few fresh attempts settle it. */
const ATTEMPTS = 3;

/** Creates a partner's first key or rotates it (the previous one stays valid `graceHours`); false when refused. */
export async function issueKey(store: PartnerKeyStore, action: 'create' | 'rotate', partner: string, graceHours: number, now: () => Date, io: PartnerKeyIo): Promise<boolean> {
  const key = generateKey();
  const keyHash = hashKey(key);
  const recordKey = recordKeyOf(partner);
  let previousUntil: string | undefined;
  const written = await withFreshEtag(store, async (etag) => {
    const stored = await store.get(recordKey);
    if (action === 'create' && stored !== undefined) {
      io.reporter.error(`partner ${partner} already has a key; use "partner-key rotate" to replace it`);
      return false;
    }
    if (action === 'rotate' && stored === undefined) {
      io.reporter.error(`partner ${partner} has no key to rotate; use "partner-key create"`);
      return false;
    }
    const record = stored === undefined ? createRecord(keyHash, now()) : rotateRecord(parseRecord(stored, partner), keyHash, now(), graceHours);
    previousUntil = record.previousUntil;
    await store.put(recordKey, JSON.stringify(record), etag);
    return true;
  });
  if (!written) return false;
  io.stdout(`${key}\n`);
  io.reporter.info(
    `${action === 'create' ? 'created' : 'rotated'} the key for partner ${partner}; it is shown above once and stored nowhere` +
      (previousUntil ? ` (the previous key stays valid until ${previousUntil})` : action === 'rotate' ? ' (the previous key no longer works)' : ''),
  );
  io.reporter.info('Partners send it as "Authorization: Bearer <key>" (preferred) or "?key=<key>"; see docs/partner-keys.md.');
  return true;
}

/** Revokes every key of a partner; false when it has none. */
export async function revokeKeys(store: PartnerKeyStore, partner: string, io: PartnerKeyIo): Promise<boolean> {
  const recordKey = recordKeyOf(partner);
  const removed = await withFreshEtag(store, async (etag) => {
    if ((await store.get(recordKey)) === undefined) {
      io.reporter.error(`partner ${partner} has no key to revoke`);
      return false;
    }
    await store.delete(recordKey, etag);
    return true;
  });
  if (!removed) return false;
  io.reporter.info(`revoked every key of partner ${partner}; its feeds now answer 403`);
  return true;
}

/** Lists the partners with keys and since when. */
export async function listKeys(store: PartnerKeyStore, io: PartnerKeyIo): Promise<boolean> {
  const entries = await store.list(recordKeyOf(''));
  for (const entry of entries) {
    const partner = partnerOfRecordKey(entry.key)!;
    const record = parseRecord(entry.value, partner);
    const grace = record.previousUntil ? `  previous key valid until ${record.previousUntil}` : '';
    io.stdout(`${partner}  key since ${record.currentSince}${grace}\n`);
  }
  io.reporter.info(`${entries.length} partner${entries.length === 1 ? '' : 's'} with keys`);
  return true;
}

/** Runs `write` with the store's ETag, again on fresh data when another writer got there first. */
async function withFreshEtag<T>(store: PartnerKeyStore, write: (etag: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(await store.etag());
    } catch (error) {
      if (!store.isConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}
