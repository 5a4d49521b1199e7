/**
 * The names the publisher's state is keyed by: a feed's folder and a source's hash. The keys
 * themselves are the state store's (`core/ports/state-keys.ts`, laid out by adapters/s3-state-layout.ts).
 */
import { createHash } from 'node:crypto';

/** Folder name a feed set lives under: '' for the main feed, `sections/<slug>` for a section. */
export type FeedFolder = string;

/** Hex digits of a SHA-256 kept in state keys: 128 bits, no realistic collision. */
const KEY_HASH_DIGITS = 32;

/** Names one source (a story file's content key) in state keys. */
export function sourceHash(contentKey: string): string {
  return createHash('sha256').update(contentKey).digest('hex').slice(0, KEY_HASH_DIGITS);
}

/** MD5 hex of a body: S3's ETag for a single-part PUT, so "unchanged" can be decided without a read. */
export function md5Hex(body: string | Uint8Array): string {
  return createHash('md5').update(body).digest('hex');
}
