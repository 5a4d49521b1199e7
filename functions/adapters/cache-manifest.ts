import { closeSync, ftruncateSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { sharedTable, type SharedTable, type SharedValues } from './manifest-shared-values.js';
import { makeFolder } from './make-folder.js';
import type { CachedStory, CacheManifest, Checkpoint, MediaFingerprintEntry, OutputRecord } from '../core/ports/build-cache.js';

/**
 * One JSON value per line, in segments: a header `{key, nextPack}`, then changes — `["v", n, key, value]`
 * (a shared value), `["s", path, size, mtimeMs, [media refs], record]`, `["o", path, key, bytes]`,
 * `["-s", path]` / `["-o", path]` (gone) — then `{"end": true}`.
 *
 * Line by line because at 100k stories the manifest is ~100 MB, too large to exist whole as one
 * string. In segments because a warm build changes a few lines of 20k: it appends them rather than
 * rewriting the file (the rewrite was a fifth of a warm 10k build); the file is rewritten whole once
 * superseded lines outnumber live ones. A segment without its end line (a killed build) is ignored
 * and cut off by the next write.
 */
const MANIFEST = 'manifest.ndjson';

/** What was read, so the next write can append only what changed. */
interface Journal {
  key: string;
  /** Bytes of complete segments. */
  validBytes: number;
  /** Lines in complete segments. */
  lines: number;
  /**
   * The tables as read, not copies (copying 225k entries at 100k cost more than comparing them): a
   * build gives the manifest new tables to save, and never changes the ones it read.
   */
  stories: Record<string, CachedStory<unknown>>;
  outputs: Record<string, OutputRecord>;
  shared: SharedTable;
  /** The checkpoints of the last complete segment, as JSON. */
  checkpoints: string;
}

const journals = new WeakMap<object, Journal>();

type Header = { key: string; nextPack: number; checkpoints?: Checkpoint[] };
type Change = ['v', number, string, unknown] | ['s', string, number, number, number[], unknown] | ['o', string, ...OutputRecord] | ['-s', string] | ['-o', string];
type Line = Header | { end: true } | Change;

/**
 * Reads the manifest, or an empty one when there is none or its key differs (renderer or config
 * changed). A manifest of another key still names the files its build wrote: they are returned as
 * `formerOutputs`, since the new renderer may write to other paths and must remove the old ones.
 */
export function readManifest<R>(cacheDir: string, key: string): CacheManifest<R> {
  let formerOutputs: string[] = [];
  try {
    const manifest = parseManifest<R>(join(cacheDir, MANIFEST));
    if (manifest?.key === key) return manifest;
    if (manifest) formerOutputs = Object.keys(manifest.outputs);
  } catch {
    // No cache yet, or a damaged one: start afresh.
  }
  rmSync(cacheDir, { recursive: true, force: true });
  makeFolder(cacheDir, 'cache folder');
  return { key, nextPack: 0, stories: {}, outputs: {}, checkpoints: [], ...(formerOutputs.length > 0 && { formerOutputs }) };
}

/** Parses the manifest under the key of its first segment; undefined when a segment has another. */
function parseManifest<R>(path: string): CacheManifest<R> | undefined {
  const manifest: CacheManifest<R> = { key: '', nextPack: 0, stories: {}, outputs: {}, checkpoints: [] };
  const shared = sharedTable();
  // Changes of the segment being read; applied when its end line shows it is complete.
  let pending: Line[] | undefined;
  let header: Header | undefined;
  let complete = { bytes: 0, lines: 0 };
  let bytes = 0;
  let lines = 0;
  let torn = false;
  for (const line of readLines(path)) {
    // A line that does not parse can only be the last one, cut off by a killed build.
    if (torn) return undefined;
    bytes += Buffer.byteLength(line) + 1;
    lines += 1;
    let entry: Line;
    try {
      entry = JSON.parse(line) as Line;
    } catch {
      torn = true;
      continue;
    }
    if (!pending) {
      if (Array.isArray(entry) || !('key' in entry) || (header !== undefined && entry.key !== manifest.key)) return undefined;
      manifest.key = entry.key;
      header = entry;
      pending = [];
    } else if (!Array.isArray(entry)) {
      if (!('end' in entry)) return undefined;
      manifest.nextPack = header!.nextPack;
      manifest.checkpoints = header!.checkpoints ?? [];
      for (const change of pending) apply(manifest, change as Change, shared);
      pending = undefined;
      complete = { bytes, lines };
    } else {
      pending.push(entry);
    }
  }
  if (complete.lines === 0) return undefined;
  journals.set(manifest, { key: manifest.key, validBytes: complete.bytes, lines: complete.lines, stories: manifest.stories, outputs: manifest.outputs, shared, checkpoints: JSON.stringify(manifest.checkpoints) });
  return manifest;
}

function apply<R>(manifest: CacheManifest<R>, change: Change, shared: SharedTable): void {
  switch (change[0]) {
    case 'v':
      shared.set(change[1], change[2], change[3]);
      break;
    case 's':
      manifest.stories[change[1]] = { size: change[2], mtimeMs: change[3], media: change[4].map((ref) => shared.value(ref) as MediaFingerprintEntry), record: change[5] as R };
      break;
    case 'o':
      manifest.outputs[change[1]] = change.slice(2) as OutputRecord;
      break;
    case '-s':
      delete manifest.stories[change[1]];
      break;
    case '-o':
      delete manifest.outputs[change[1]];
      break;
  }
}

function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 22);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves the manifest: appends what changed since it was read as one segment, or, when the file holds
 * more superseded lines than live ones (or nothing was read), writes it whole beside the old one and
 * renames it over. Either way a build killed while writing leaves the previous manifest readable.
 */
export function writeManifest<R>(cacheDir: string, manifest: CacheManifest<R>): void {
  const journal = journals.get(manifest);
  const live = Object.keys(manifest.stories).length + Object.keys(manifest.outputs).length;
  if (journal && journal.key === manifest.key) {
    const changes = changesSince(journal, manifest);
    // Nothing changed: the file already says all of it. The pack numbers this build reserved are
    // not kept, but no record points into them (a story processed again is a changed line).
    if (changes.length === 0 && JSON.stringify(manifest.checkpoints) === journal.checkpoints) return;
    if (journal.lines + changes.length + 2 <= 2 * live + 1000) {
      appendSegment(cacheDir, journal, manifest, changes);
      return;
    }
  }
  rewrite(cacheDir, manifest);
}

function changesSince<R>(journal: Journal, manifest: CacheManifest<R>): string[] {
  const lines: string[] = [];
  const shared = journal.shared;
  const known = shared.values.length;
  const storyLines: string[] = [];
  // for…in, not Object.entries: at 100k stories and 125k outputs the entry arrays were most of this.
  const { stories, outputs } = manifest;
  for (const path in stories) {
    const story = stories[path]!;
    if (journal.stories[path] !== story) storyLines.push(storyLine(path, story as CachedStory<R>, shared));
  }
  for (const path in journal.stories) if (!(path in stories)) storyLines.push(JSON.stringify(['-s', path]));
  // New shared values go first: the story lines that refer to them follow.
  for (let ref = known; ref < shared.values.length; ref += 1) lines.push(shared.line(ref));
  lines.push(...storyLines);
  for (const path in outputs) {
    const output = outputs[path]!;
    const before = journal.outputs[path];
    if (before === output) continue;
    if (!before || before.length !== output.length || before.some((value, index) => value !== output[index])) lines.push(outputLine(path, output));
  }
  for (const path in journal.outputs) if (!(path in outputs)) lines.push(JSON.stringify(['-o', path]));
  return lines;
}

function outputLine(path: string, output: OutputRecord): string {
  return JSON.stringify(['o', path, ...output]);
}

function headerLine(manifest: CacheManifest<unknown>): string {
  return JSON.stringify({ key: manifest.key, nextPack: manifest.nextPack, checkpoints: manifest.checkpoints });
}

function storyLine<R>(path: string, story: CachedStory<R>, shared: SharedValues): string {
  const media = story.media.map((entry) => shared.ref(`m\u0000${entry[0]}\u0000${entry[1]}\u0000${entry[2]}`, entry));
  return JSON.stringify(['s', path, story.size, story.mtimeMs, media, story.record]);
}

function appendSegment<R>(cacheDir: string, journal: Journal, manifest: CacheManifest<R>, changes: string[]): void {
  const text = `${headerLine(manifest)}\n${changes.map((line) => `${line}\n`).join('')}${JSON.stringify({ end: true })}\n`;
  const fd = openSync(join(cacheDir, MANIFEST), 'r+');
  try {
    // Drops a torn segment a killed build may have left after the last complete one.
    ftruncateSync(fd, journal.validBytes);
    writeAll(fd, Buffer.from(text, 'utf8'), journal.validBytes);
  } finally {
    closeSync(fd);
  }
}

function rewrite<R>(cacheDir: string, manifest: CacheManifest<R>): void {
  const temporary = join(cacheDir, `${MANIFEST}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    let position = 0;
    const flush = () => {
      const bytes = Buffer.from(pending.join(''), 'utf8');
      writeAll(fd, bytes, position);
      position += bytes.byteLength;
      pending = [];
      size = 0;
    };
    const line = (text: string) => {
      pending.push(text, '\n');
      size += text.length;
      if (size > 1 << 20) flush();
    };
    const shared = sharedTable();
    line(headerLine(manifest));
    let written = 0;
    for (const [path, story] of Object.entries(manifest.stories)) {
      const text = storyLine(path, story, shared);
      // Shared values are written before the first line that refers to them.
      for (; written < shared.values.length; written += 1) line(shared.line(written));
      line(text);
    }
    for (const [path, output] of Object.entries(manifest.outputs)) line(outputLine(path, output));
    line(JSON.stringify({ end: true }));
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(cacheDir, MANIFEST));
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done);
}
