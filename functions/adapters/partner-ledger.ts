import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CarriedIds } from '../core/partners/carried-history.js';

/**
 * What the partner feeds that announce kills (MSN) have carried, kept between CLI builds: a kill is
 * sent only for a story the feed carried. Beside the cache folder, not in it, like the build lock:
 * a cache whose renderer or site changed is deleted whole, and this history cannot be rebuilt from
 * the content (it says what a partner was sent, not what the stories are).
 */
export function partnerLedgerPath(cacheDir: string): string {
  return `${cacheDir}.partners.json`;
}

/** The ids each partner feed carried; empty when there is no ledger yet or it is unreadable (no kills then). */
export function readPartnerLedger(path: string): CarriedIds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((id) => typeof id === 'string')));
  } catch {
    return {};
  }
}

/** Saves the ledger (written beside and renamed over, so a killed build leaves the previous one); none when no feed announces kills. */
export function writePartnerLedger(path: string, carried: CarriedIds): void {
  if (Object.keys(carried).length === 0) return void rmSync(path, { force: true });
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(carried));
  renameSync(temporary, path);
}
