import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CachedStory, MediaFingerprintEntry } from '../core/ports/build-cache.js';

/**
 * The cache's story index: every story file's size, mtime, media and record, as one JSON document of
 * columns rather than a JSON object per story. Reading it parses arrays of numbers and strings;
 * values many stories repeat (a status, a language, the same sections, the same photos) are written
 * once in a column's table and come back as one shared value, so a warm build no longer makes and
 * keeps a line string and a tree of objects per story (at 10k, parsing those lines and keeping their
 * records was ~0.15–0.25 s of every warm build, most of it GC).
 *
 * Written whole, under a new name each time (`stories-<token>.json`), when the manifest is written
 * whole; in between, the manifest's story lines change it (adapters/cache-manifest.ts). The manifest
 * names its index: a build killed before its manifest is written leaves the last pair as it was.
 */
interface IndexDocument {
  paths: string[];
  size: number[];
  mtime: number[];
  /** Per story: its media list in `mediaLists`. */
  media: number[];
  /** Lists of fingerprints (by their number in `fingerprints`). */
  mediaLists: number[][];
  fingerprints: MediaFingerprintEntry[];
  /** The records' fields, one column each, by name (as keys, so the names come back as property keys, not strings to look up per record). */
  fields: Record<string, Column>;
}

/**
 * One field of every record: inline values (`null`: the record has no such field), or a table of the
 * distinct values and each record's number in it (-1: none).
 */
type Column = { values: unknown[] } | { table: unknown[]; refs: number[] };

const PREFIX = 'stories-';

/** Whether a file in the cache folder is a story index (pruned once the manifest names another). */
export function isStoryIndex(file: string): boolean {
  return file.startsWith(PREFIX) && file.endsWith('.json');
}

/** Writes the stories as a new index; returns its file name for the manifest. */
export function writeStoryIndex<R>(cacheDir: string, stories: Record<string, CachedStory<R>>): string {
  const paths = Object.keys(stories);
  const count = paths.length;
  const document: IndexDocument = { paths, size: new Array(count), mtime: new Array(count), media: new Array(count), mediaLists: [], fingerprints: [], fields: {} };
  const fingerprints = new Map<string, number>();
  const lists = new Map<string, number>();
  const columns = new Map<string, unknown[]>();
  for (let row = 0; row < count; row += 1) {
    const story = stories[paths[row]!]!;
    document.size[row] = story.size;
    document.mtime[row] = story.mtimeMs;
    const refs = story.media.map((entry) => numbered(fingerprints, `${entry[0]}\u0000${entry[1]}\u0000${entry[2]}`, () => document.fingerprints.push(entry)));
    document.media[row] = numbered(lists, refs.join(','), () => document.mediaLists.push(refs));
    const record = story.record as Record<string, unknown>;
    for (const name in record) {
      let column = columns.get(name);
      if (!column) columns.set(name, (column = new Array<unknown>(count).fill(undefined)));
      column[row] = record[name];
    }
  }
  for (const [name, values] of columns) document.fields[name] = column(values);
  const file = `${PREFIX}${randomBytes(9).toString('base64url')}.json`;
  const temporary = join(cacheDir, `${file}.tmp`);
  writeFileSync(temporary, JSON.stringify(document));
  renameSync(temporary, join(cacheDir, file));
  return file;
}

/** The number of the value known by `key`, adding it (`add` returns the new count) when new. */
function numbered<K>(known: Map<K, number>, key: K, add: () => number): number {
  let ref = known.get(key);
  if (ref === undefined) {
    ref = add() - 1;
    known.set(key, ref);
  }
  return ref;
}

/** Values sampled to tell whether a column repeats its values. */
const SAMPLE = 64;

/**
 * A field's column: inline when its values mostly differ (an id, a location) and none is null, else a
 * table of distinct values (objects told apart by their JSON) that the records then share. A sample
 * tells which, so a column of values that all differ is never compared value by value.
 */
function column(values: unknown[]): Column {
  const sample = new Set<unknown>();
  let sampled = 0;
  let nulls = false;
  const step = Math.max(1, Math.floor(values.length / SAMPLE));
  for (let row = 0; row < values.length; row += step) {
    const value = values[row];
    if (value === undefined) continue;
    sampled += 1;
    sample.add(keyOf(value));
  }
  for (const value of values) if (value === null) nulls = true;
  if (!nulls && sample.size > sampled / 2) return { values: values.map((value) => (value === undefined ? null : value)) };
  const distinct = new Map<unknown, number>();
  // The same object is the same value: only objects not seen yet are turned into JSON.
  const objects = new Map<unknown, number>();
  const table: unknown[] = [];
  const refs = values.map((value) => {
    if (value === undefined) return -1;
    if (typeof value !== 'object' || value === null) return numbered(distinct, value, () => table.push(value));
    let ref = objects.get(value);
    if (ref === undefined) objects.set(value, (ref = numbered(distinct, keyOf(value), () => table.push(value))));
    return ref;
  });
  return { table, refs };
}

/** What tells a value from others: itself, or for an object its JSON (marked, so no string is taken for it). */
function keyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? `\u0000${JSON.stringify(value)}` : value;
}

/** Reads an index written by {@link writeStoryIndex}; throws when it is missing or damaged. */
export function readStoryIndex<R>(cacheDir: string, file: string): Record<string, CachedStory<R>> {
  const document = JSON.parse(readFileSync(join(cacheDir, file), 'utf8')) as IndexDocument;
  const { paths, size, mtime, media, mediaLists, fingerprints, fields } = document;
  const count = paths.length;
  if (![size, mtime, media].every((column) => column.length === count)) throw new Error(`story index ${file}: columns of unequal length`);
  const lists = mediaLists.map((refs) => refs.map((ref) => fingerprints[ref]!));
  const records: Record<string, unknown>[] = new Array(count);
  for (let row = 0; row < count; row += 1) records[row] = {};
  // Column by column, so every record gains its fields in the same order (one shape for all).
  for (const name in fields) {
    const field = fields[name]!;
    if ('values' in field) {
      if (field.values.length !== count) throw new Error(`story index ${file}: column ${name} of unequal length`);
      for (let row = 0; row < count; row += 1) {
        const value = field.values[row];
        if (value !== null) records[row]![name] = value;
      }
    } else {
      if (field.refs.length !== count) throw new Error(`story index ${file}: column ${name} of unequal length`);
      for (let row = 0; row < count; row += 1) {
        const ref = field.refs[row]!;
        if (ref >= 0) records[row]![name] = field.table[ref];
      }
    }
  }
  const stories: Record<string, CachedStory<R>> = {};
  for (let row = 0; row < count; row += 1) {
    const list = lists[media[row]!];
    if (!list) throw new Error(`story index ${file}: no media list ${media[row]}`);
    stories[paths[row]!] = { size: size[row]!, mtimeMs: mtime[row]!, media: list, record: records[row] as R };
  }
  return stories;
}
