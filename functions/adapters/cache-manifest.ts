import { closeSync, ftruncateSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { makeFolder } from './make-folder.js';
import { isStoryIndex, readStoryIndex, writeStoryIndex } from './story-index.js';
import type { CachedStory, CacheManifest, Checkpoint, MediaFingerprintEntry, OutputRecord, PlanSnapshot } from '../core/ports/build-cache.js';

/**
 * One JSON value per line, in segments: a header `{key, nextPack, checkpoints, plan, stories}`, then
 * changes — `["s", path, size, mtimeMs, media, record]`, `["o", path, key, bytes, …]`, `["-s", path]`
 * / `["-o", path]` (gone) — then `{"end": true}`. The stories are those of the story index the
 * headers name (adapters/story-index.ts, columns, cheap to read), changed by the segments' story lines.
 *
 * Line by line because at 100k stories the outputs are ~125k lines. In segments because a warm build
 * changes a few stories and outputs: it appends them rather than rewriting the files. Both are
 * rewritten whole, with a new index, once superseded output lines outnumber live ones or the story
 * lines grow past {@link storyLinesAllowed}. A segment without its end line (a killed build) is
 * ignored and cut off by the next write.
 */
const MANIFEST = 'manifest.ndjson';

/** What was read, so the next write can append only what changed. */
interface Journal {
  key: string;
  /** Bytes of complete segments. */
  validBytes: number;
  /** Lines in complete segments. */
  lines: number;
  /** Story lines in complete segments (changes to the index). */
  storyLines: number;
  /**
   * The tables as read, not copies (copying 225k entries at 100k cost more than comparing them): a
   * build gives the manifest new tables to save, and never changes the ones it read.
   */
  stories: Record<string, CachedStory<unknown>>;
  outputs: Record<string, OutputRecord>;
  /** The checkpoints and plan snapshot of the last complete segment, as JSON. */
  decisions: string;
  /** The story index the last complete segment names. */
  index: string;
}

const journals = new WeakMap<object, Journal>();

type Header = { key: string; nextPack: number; checkpoints: Checkpoint[]; plan?: PlanSnapshot; stories: string };
type StoryChange = ['s', string, number, number, MediaFingerprintEntry[], unknown] | ['-s', string];
type Change = ['o', string, ...OutputRecord] | ['-o', string] | StoryChange;
type Line = Header | { end: true } | Change;

/**
 * Reads the manifest, or an empty one when there is none or its key differs (renderer or config
 * changed). A manifest of another key still names the files its build wrote: they are returned as
 * `formerOutputs`, since the new renderer may write to other paths and must remove the old ones.
 */
export function readManifest<R>(cacheDir: string, key: string): CacheManifest<R> {
  let formerOutputs: string[] = [];
  try {
    const read = parseManifest(join(cacheDir, MANIFEST));
    const stories = read?.manifest.key === key ? storiesOf<R>(cacheDir, read.journal.index) : undefined;
    if (read && stories) {
      const { manifest, journal } = read;
      for (const change of read.storyChanges) {
        if (change[0] === 's') stories[change[1]] = { size: change[2], mtimeMs: change[3], media: change[4], record: change[5] as R };
        else delete stories[change[1]];
      }
      manifest.stories = journal.stories = stories;
      journals.set(manifest, journal);
      return manifest as CacheManifest<R>;
    }
    // Another key's manifest, or this key's without a readable story index: a full build, which removes what it does not write again.
    if (read) formerOutputs = Object.keys(read.manifest.outputs);
  } catch {
    // No cache yet, or a damaged one: start afresh.
  }
  rmSync(cacheDir, { recursive: true, force: true });
  makeFolder(cacheDir, 'cache folder');
  return { key, nextPack: 0, stories: {}, outputs: {}, checkpoints: [], ...(formerOutputs.length > 0 && { formerOutputs }) };
}

function storiesOf<R>(cacheDir: string, index: string): Record<string, CachedStory<R>> | undefined {
  if (!isStoryIndex(index) || basename(index) !== index) return undefined;
  try {
    return readStoryIndex<R>(cacheDir, index);
  } catch {
    return undefined;
  }
}

/**
 * Parses the manifest's segments under the key of its first one; undefined when a segment has another
 * or a line is not of this format. Its stories are left to the index the journal names.
 */
function parseManifest(path: string): { manifest: CacheManifest<unknown>; journal: Journal; storyChanges: StoryChange[] } | undefined {
  const manifest: CacheManifest<unknown> = { key: '', nextPack: 0, stories: {}, outputs: {}, checkpoints: [] };
  const storyChanges: StoryChange[] = [];
  // Changes of the segment being read; applied when its end line shows it is complete.
  let pending: Line[] | undefined;
  let header: Header | undefined;
  let complete = { bytes: 0, lines: 0, storyLines: 0, index: '' };
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
      if (Array.isArray(entry) || !('key' in entry) || typeof entry.stories !== 'string') return undefined;
      if (header !== undefined && (entry.key !== manifest.key || entry.stories !== header.stories)) return undefined;
      manifest.key = entry.key;
      header = entry;
      pending = [];
    } else if (!Array.isArray(entry)) {
      if (!('end' in entry)) return undefined;
      manifest.nextPack = header!.nextPack;
      manifest.checkpoints = header!.checkpoints;
      if (header!.plan) manifest.plan = header!.plan;
      else delete manifest.plan;
      for (const change of pending as Change[]) {
        if (change[0] === 'o') manifest.outputs[change[1]] = change.slice(2) as OutputRecord;
        else if (change[0] === '-o') delete manifest.outputs[change[1]];
        else storyChanges.push(change);
      }
      pending = undefined;
      complete = { bytes, lines, storyLines: storyChanges.length, index: header!.stories };
    } else if (entry[0] === 'o' || entry[0] === '-o' || entry[0] === 's' || entry[0] === '-s') {
      pending.push(entry);
    } else {
      return undefined;
    }
  }
  if (complete.lines === 0) return undefined;
  const journal: Journal = { key: manifest.key, validBytes: complete.bytes, lines: complete.lines, storyLines: complete.storyLines, stories: {}, outputs: manifest.outputs, decisions: decisionsOf(manifest), index: complete.index };
  return { manifest, journal, storyChanges };
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
  const same = journal?.key === manifest.key ? journal : undefined;
  let index: string;
  if (same) {
    const stories = storyChangesSince(same, manifest);
    const changes = [...stories, ...changesSince(same, manifest)];
    // Nothing changed: the files already say all of it. The pack numbers this build reserved are
    // not kept, but no record points into them (a story processed again is a changed story).
    if (changes.length === 0 && decisionsOf(manifest) === same.decisions) return;
    const storyLines = same.storyLines + stories.length;
    const allowed = storyLinesAllowed(Object.keys(manifest.stories).length);
    if (storyLines <= allowed && same.lines + changes.length + 2 <= 2 * Object.keys(manifest.outputs).length + 1000 + allowed) {
      index = same.index;
      appendSegment(cacheDir, same, headerLine(manifest, index), changes);
    } else {
      index = rewrite(cacheDir, manifest);
    }
  } else {
    index = rewrite(cacheDir, manifest);
  }
  pruneStoryIndexes(cacheDir, index);
}

/**
 * Story lines the manifest may hold before the index is written again: each costs a warm build a line
 * to parse (~0.5 KB) where the index costs a column entry, and writing the index costs ~0.1 s at 10k.
 */
function storyLinesAllowed(stories: number): number {
  return 1000 + Math.ceil(stories / 10);
}

/** The story lines that turn the stories read into these: added or replaced (a build never changes one in place), or gone. */
function storyChangesSince(journal: Journal, manifest: CacheManifest<unknown>): string[] {
  const lines: string[] = [];
  // for…in, not Object.entries: at 100k stories and 125k outputs the entry arrays were most of this.
  const read = journal.stories;
  const { stories } = manifest;
  for (const path in stories) {
    const story = stories[path]!;
    if (read[path] !== story) lines.push(JSON.stringify(['s', path, story.size, story.mtimeMs, story.media, story.record]));
  }
  for (const path in read) if (!(path in stories)) lines.push(JSON.stringify(['-s', path]));
  return lines;
}

/** Removes the story indexes the manifest no longer names (the last build's, or one a killed build left). */
function pruneStoryIndexes(cacheDir: string, kept: string): void {
  for (const file of readdirSync(cacheDir)) if (file !== kept && isStoryIndex(file)) rmSync(join(cacheDir, file), { force: true });
}

function changesSince<R>(journal: Journal, manifest: CacheManifest<R>): string[] {
  const lines: string[] = [];
  const { outputs } = manifest;
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

/** What a header holds besides the key, the pack counter and the index: a build that changes none of it and no line writes nothing. */
function decisionsOf(manifest: CacheManifest<unknown>): string {
  return JSON.stringify([manifest.checkpoints, manifest.plan ?? null]);
}

function headerLine(manifest: CacheManifest<unknown>, index: string): string {
  const header: Header = { key: manifest.key, nextPack: manifest.nextPack, checkpoints: manifest.checkpoints, ...(manifest.plan && { plan: manifest.plan }), stories: index };
  return JSON.stringify(header);
}

function appendSegment(cacheDir: string, journal: Journal, header: string, changes: string[]): void {
  const text = `${header}\n${changes.map((line) => `${line}\n`).join('')}${JSON.stringify({ end: true })}\n`;
  const fd = openSync(join(cacheDir, MANIFEST), 'r+');
  try {
    // Drops a torn segment a killed build may have left after the last complete one.
    ftruncateSync(fd, journal.validBytes);
    writeAll(fd, Buffer.from(text, 'utf8'), journal.validBytes);
  } finally {
    closeSync(fd);
  }
}

/** Writes a new story index, and the manifest whole beside the old one, renamed over it; returns the index's name. */
function rewrite<R>(cacheDir: string, manifest: CacheManifest<R>): string {
  const index = writeStoryIndex(cacheDir, manifest.stories);
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
    line(headerLine(manifest, index));
    for (const [path, output] of Object.entries(manifest.outputs)) line(outputLine(path, output));
    line(JSON.stringify({ end: true }));
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(cacheDir, MANIFEST));
  return index;
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done);
}
