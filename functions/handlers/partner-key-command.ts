/**
 * `wirefeed partner-key create|rotate|revoke|list`: manages partner feed keys in the stack's
 * CloudFront KeyValueStore. A new key is printed once, to stdout only; the store, stderr and
 * logs only ever see its SHA-256 hash.
 */
import { parseArgs } from 'node:util';
import { isConflict, openPartnerKeyStore, type PartnerKeyStore } from '../adapters/partner-key-store.js';
import {
  PARTNER_NAME,
  createRecord,
  generateKey,
  hashKey,
  parseRecord,
  partnerOfRecordKey,
  recordKeyOf,
  rotateRecord,
} from '../edge/partner-key-record.js';
import type { Reporter } from '../use-cases/reporter.js';

/** Help text of `wirefeed partner-key`. */
export const PARTNER_KEY_USAGE = `Usage:
  wirefeed partner-key create --partner NAME --kvs-arn ARN
  wirefeed partner-key rotate --partner NAME --kvs-arn ARN [--grace-hours N]   (default 24)
  wirefeed partner-key revoke --partner NAME --kvs-arn ARN
  wirefeed partner-key list   --kvs-arn ARN

The ARN is the stack output PartnerKeyValueStoreArn. create and rotate print the new key once,
on stdout; it is not stored anywhere, only its SHA-256 hash is.`;

/** Where the command writes: the key goes to `stdout` only, everything else to `reporter`. */
export interface PartnerKeyIo {
  stdout(text: string): void;
  reporter: Reporter;
}

/** Seams for tests: the store (real SDK, local endpoint) and the clock. */
export interface PartnerKeyDeps {
  openStore?: (kvsArn: string) => PartnerKeyStore;
  now?: () => Date;
}

const ACTIONS = ['create', 'rotate', 'revoke', 'list'] as const;
type Action = (typeof ACTIONS)[number];
const MAX_GRACE_HOURS = 24 * 30;
/** Writes race only with other operators; a few fresh attempts settle it. */
const ATTEMPTS = 3;

/** Runs `partner-key …`; resolves to the exit code (0 done, 1 refused or failed, 2 usage). */
export async function runPartnerKeyCommand(argv: string[], io: PartnerKeyIo, deps: PartnerKeyDeps = {}): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined) {
    io.reporter.info(PARTNER_KEY_USAGE);
    return 2;
  }
  // Help that was asked for is output (stdout), not a complaint.
  if (action === 'help' || action === '--help' || action === '-h') return io.stdout(`${PARTNER_KEY_USAGE}\n`), 0;
  let values: { partner?: string; 'kvs-arn'?: string; 'grace-hours'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        partner: { type: 'string' },
        'kvs-arn': { type: 'string' },
        'grace-hours': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.help) return io.stdout(`${PARTNER_KEY_USAGE}\n`), 0;
  if (!ACTIONS.includes(action as Action)) return usage(io, `unknown partner-key action: ${action}`);
  const kvsArn = values['kvs-arn'];
  if (!kvsArn) return usage(io, `partner-key ${action} needs --kvs-arn ARN`);
  const partner = values.partner;
  if (action !== 'list') {
    if (!partner) return usage(io, `partner-key ${action} needs --partner NAME`);
    if (!PARTNER_NAME.test(partner)) return usage(io, `--partner ${JSON.stringify(partner)}: use 1-63 lowercase letters, digits and hyphens, starting with a letter or digit`);
  }
  const graceHours = values['grace-hours'] === undefined ? 24 : Number(values['grace-hours']);
  if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
    return usage(io, `--grace-hours must be a number from 0 to ${MAX_GRACE_HOURS}`);
  }

  const store = (deps.openStore ?? ((arn: string) => openPartnerKeyStore(arn)))(kvsArn);
  const now = deps.now ?? (() => new Date());
  try {
    switch (action as Action) {
      case 'list':
        return await list(store, io);
      case 'revoke':
        return await revoke(store, partner!, io);
      default:
        return await issue(store, action as 'create' | 'rotate', partner!, graceHours, now, io);
    }
  } catch (error) {
    // SDK errors name the operation and the ARN, never a key: keys are not in any request.
    io.reporter.error(`partner-key ${action}: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

async function issue(store: PartnerKeyStore, action: 'create' | 'rotate', partner: string, graceHours: number, now: () => Date, io: PartnerKeyIo): Promise<number> {
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
  if (!written) return 1;
  io.stdout(`${key}\n`);
  io.reporter.info(
    `${action === 'create' ? 'created' : 'rotated'} the key for partner ${partner}; it is shown above once and stored nowhere` +
      (previousUntil ? ` (the previous key stays valid until ${previousUntil})` : action === 'rotate' ? ' (the previous key no longer works)' : ''),
  );
  io.reporter.info('Partners send it as "Authorization: Bearer <key>" (preferred) or "?key=<key>"; see docs/partner-keys.md.');
  return 0;
}

async function revoke(store: PartnerKeyStore, partner: string, io: PartnerKeyIo): Promise<number> {
  const recordKey = recordKeyOf(partner);
  const removed = await withFreshEtag(store, async (etag) => {
    if ((await store.get(recordKey)) === undefined) {
      io.reporter.error(`partner ${partner} has no key to revoke`);
      return false;
    }
    await store.delete(recordKey, etag);
    return true;
  });
  if (!removed) return 1;
  io.reporter.info(`revoked every key of partner ${partner}; its feeds now answer 403`);
  return 0;
}

async function list(store: PartnerKeyStore, io: PartnerKeyIo): Promise<number> {
  const entries = await store.list(recordKeyOf(''));
  for (const entry of entries) {
    const partner = partnerOfRecordKey(entry.key)!;
    const record = parseRecord(entry.value, partner);
    const grace = record.previousUntil ? `  previous key valid until ${record.previousUntil}` : '';
    io.stdout(`${partner}  key since ${record.currentSince}${grace}\n`);
  }
  io.reporter.info(`${entries.length} partner${entries.length === 1 ? '' : 's'} with keys`);
  return 0;
}

/** Runs `write` with the store's ETag, again on fresh data when another writer got there first. */
async function withFreshEtag<T>(store: PartnerKeyStore, write: (etag: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(await store.etag());
    } catch (error) {
      if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

function usage(io: PartnerKeyIo, message: string): number {
  io.reporter.error(message);
  io.reporter.info(PARTNER_KEY_USAGE);
  return 2;
}
