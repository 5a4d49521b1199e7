import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Relative path (with `/`) → sha256 hex of the file's bytes, for every file under a folder, sorted by path. */
export type FileHashes = Record<string, string>;

/** Hashes every file under `dir`. */
export function hashFiles(dir: string): FileHashes {
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  return Object.fromEntries(paths.map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

/** One sha256 over a folder's paths and bytes: says whether a build's input is still the one recorded. */
export function hashFolder(dir: string): string {
  const hash = createHash('sha256');
  for (const [path, fileHash] of Object.entries(hashFiles(dir))) hash.update(`${path}\0${fileHash}\n`);
  return hash.digest('hex');
}

/** The paths whose bytes differ between the recorded and the built hashes. */
export interface HashChanges {
  changed: string[];
  added: string[];
  removed: string[];
}

/** Compares recorded hashes with built ones. */
export function compareHashes(recorded: FileHashes, built: FileHashes): HashChanges {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, hash] of Object.entries(built)) {
    if (!(path in recorded)) added.push(path);
    else if (recorded[path] !== hash) changed.push(path);
  }
  const removed = Object.keys(recorded).filter((path) => !(path in built));
  return { changed, added, removed };
}

/** Paths listed per kind in a report; the rest is counted, so a broad change stays readable. */
const LISTED = 25;

/** A readable account of the changes (empty when there are none): counts, then the paths of each kind. */
export function describeChanges(site: string, changes: HashChanges): string {
  const parts: string[] = [];
  for (const kind of ['changed', 'added', 'removed'] as const) {
    const paths = changes[kind];
    if (paths.length === 0) continue;
    const more = paths.length > LISTED ? [`  … and ${paths.length - LISTED} more`] : [];
    parts.push(`${site}: ${paths.length} ${kind} (${countByName(paths)}):`, ...paths.slice(0, LISTED).map((path) => `  ${path}`), ...more);
  }
  return parts.join('\n');
}

/** "atom.xml 125, rss.xml 3": which kinds of file a change touches, most first, so a broad change reads at a glance. */
function countByName(paths: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const path of paths) {
    // Story pages and photos are named by story; their folder is the kind.
    const name = /^(stories|media)\//.test(path) ? `${path.slice(0, path.indexOf('/'))}/…` : path.slice(path.lastIndexOf('/') + 1);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([name, count]) => `${name} ${count}`).join(', ');
}
