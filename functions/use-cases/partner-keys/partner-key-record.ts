/**
 * The partner key record: what the key command writes to CloudFront KeyValueStore and what
 * `partner-auth.js` reads at the edge. Only SHA-256 hashes of keys are ever stored.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Partner names: URL path segment and KVS key part; `partner-auth.js` applies the same rule. */
export const PARTNER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The stored value for one partner. Hashes are lowercase hex SHA-256 of the key's text. */
export interface PartnerKeyRecord {
  current: string;
  /** When the current key was created (ISO 8601). */
  currentSince: string;
  /** The key replaced by the last rotation, valid until `previousUntil`. */
  previous?: string;
  previousUntil?: string;
}

/** The KVS key under which a partner's record is stored. */
export function recordKeyOf(partner: string): string {
  return `partner:${partner}`;
}

/** The partner named by a KVS key, or undefined for keys that are not partner records. */
export function partnerOfRecordKey(key: string): string | undefined {
  return key.startsWith('partner:') ? key.slice('partner:'.length) : undefined;
}

/** A new random key: 32 bytes, base64url (43 characters, safe in a URL and a header). */
export function generateKey(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of the key's text as lowercase hex, as the edge function computes it. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The record for a partner's first key. */
export function createRecord(keyHash: string, now: Date): PartnerKeyRecord {
  return { current: keyHash, currentSince: now.toISOString() };
}

/**
 * The record after rotating to `keyHash`: the old current key stays valid for `graceHours`
 * (0 ends it at once), so partners can switch without an outage.
 */
export function rotateRecord(record: PartnerKeyRecord, keyHash: string, now: Date, graceHours: number): PartnerKeyRecord {
  const next: PartnerKeyRecord = { current: keyHash, currentSince: now.toISOString() };
  if (graceHours > 0) {
    next.previous = record.current;
    next.previousUntil = new Date(now.getTime() + graceHours * 3_600_000).toISOString();
  }
  return next;
}

/** Reads a stored value; throws, naming the partner, when it is not a partner key record. */
export function parseRecord(value: string, partner: string): PartnerKeyRecord {
  const invalid = () => new Error(`partner ${partner}: the stored value is not a partner key record`);
  let parsed: Partial<PartnerKeyRecord>;
  try {
    parsed = JSON.parse(value) as Partial<PartnerKeyRecord>;
  } catch {
    throw invalid();
  }
  const isHash = (h: unknown): h is string => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  if (!isHash(parsed.current) || typeof parsed.currentSince !== 'string') throw invalid();
  if (parsed.previous !== undefined && (!isHash(parsed.previous) || typeof parsed.previousUntil !== 'string')) throw invalid();
  return parsed as PartnerKeyRecord;
}
