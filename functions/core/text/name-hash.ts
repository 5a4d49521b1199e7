import { createHash } from 'node:crypto';

/**
 * Hex digits kept: 64 bits. The odds that any two of n names share a hash are about n²/2⁶⁵: one in
 * 37 million for a million names, one in 370,000 for ten million.
 */
const HASH_DIGITS = 16;

/**
 * A stable hash of a name (a story uri, a subject), the same on every build, machine and runtime.
 * Hashed as UTF-16 code units: UTF-8 would turn every lone surrogate into the same U+FFFD.
 */
export function nameHash(name: string): string {
  return createHash('sha256').update(name, 'utf16le').digest('hex').slice(0, HASH_DIGITS);
}
