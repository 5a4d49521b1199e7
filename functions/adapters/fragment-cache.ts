import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * Where a rendered fragment lives: pack file number, byte offset, byte length. Packs are append-only
 * and never rewritten under the same name, so a location also identifies the fragment's content.
 */
export type FragmentLocation = [pack: number, offset: number, length: number];

/**
 * The persistent build cache: `manifest.ndjson` (what each story file rendered to, keyed by its path,
 * size and mtime, plus the key of every output written) and `pack-<n>.bin` files holding the
 * rendered fragments and story pages as UTF-8.
 */
export interface CacheManifest<R> {
  /** Renderer version and site config hash; anything else invalidates the whole cache. */
  key: string;
  /** Next pack number to hand out. */
  nextPack: number;
  /** By story file path: the file's size and mtime, the media it read, and its record. */
  stories: Record<string, CachedStory<R>>;
  /** By output path: the key of the template it was written from and its size in bytes. */
  outputs: Record<string, [key: string, bytes: number]>;
}

/** One story file as the cache remembers it. */
export interface CachedStory<R> {
  size: number;
  mtimeMs: number;
  /** Media files the story read, with their size and mtime when read (-1 when missing). */
  media: Array<[path: string, size: number, mtimeMs: number]>;
  record: R;
}

/**
 * One JSON value per line: a header `{key, nextPack}`, then `["s", path, story]` and
 * `["o", path, key, bytes]`, then `{"end": true}`. Line by line because at 100k stories the
 * manifest is ~200 MB: one JSON document had to exist whole as a string (and again as bytes) when
 * written and read, the largest allocation of a build.
 */
const MANIFEST = 'manifest.ndjson';

/** Reads the manifest, or an empty one when there is none or its key differs (renderer or config changed). */
export function readManifest<R>(cacheDir: string, key: string): CacheManifest<R> {
  try {
    const manifest = parseManifest<R>(join(cacheDir, MANIFEST), key);
    if (manifest) return manifest;
  } catch {
    // No cache yet, or a damaged one: start afresh.
  }
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  return { key, nextPack: 0, stories: {}, outputs: {} };
}

function parseManifest<R>(path: string, key: string): CacheManifest<R> | undefined {
  let manifest: CacheManifest<R> | undefined;
  for (const line of readLines(path)) {
    if (!manifest) {
      const header = JSON.parse(line) as { key: string; nextPack: number };
      if (header.key !== key) return undefined;
      manifest = { key, nextPack: header.nextPack, stories: {}, outputs: {} };
      continue;
    }
    const entry = JSON.parse(line) as ['s', string, CachedStory<R>] | ['o', string, string, number] | { end: true };
    if (!Array.isArray(entry)) return entry.end ? manifest : undefined;
    if (entry[0] === 's') manifest.stories[entry[1]] = entry[2];
    else manifest.outputs[entry[1]] = [entry[2], entry[3]];
  }
  return undefined; // No end line: a torn file.
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

/** Writes the manifest beside its target and renames it over, so a killed build leaves the old one. */
export function writeManifest<R>(cacheDir: string, manifest: CacheManifest<R>): void {
  const temporary = join(cacheDir, `${MANIFEST}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const line = (value: unknown) => {
      const text = JSON.stringify(value);
      pending.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    };
    const flush = () => {
      const bytes = Buffer.from(pending.join('\n') + '\n', 'utf8');
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
      pending = [];
      size = 0;
    };
    line({ key: manifest.key, nextPack: manifest.nextPack });
    for (const [path, story] of Object.entries(manifest.stories)) line(['s', path, story]);
    for (const [path, [key, bytes]] of Object.entries(manifest.outputs)) line(['o', path, key, bytes]);
    line({ end: true });
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(cacheDir, MANIFEST));
}

/** Deletes pack files no record points into any more. */
export function prunePacks(cacheDir: string, live: Set<number>): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    const match = /^pack-(\d+)\.bin$/.exec(name);
    if (match && !live.has(Number(match[1]))) rmSync(join(cacheDir, name), { force: true });
  }
}

/** Appends fragments to one pack file; one writer per pack (each worker has its own). */
export interface PackWriter {
  append(text: string): FragmentLocation;
  /** Writes what is buffered; fragments are readable only after this. */
  flush(): void;
  close(): void;
}

/** Fragments are gathered in a buffer this big, so a pack costs one write per ~40 stories, not five per story. */
const CHUNK = 1 << 21;

/** Opens a new pack for appending. */
export function openPackWriter(cacheDir: string, pack: number): PackWriter {
  // 'w': a pack number is never reused by a finished build, so a leftover file is from a killed one.
  const fd = openSync(join(cacheDir, `pack-${pack}.bin`), 'w');
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let offset = 0;
  const writeOut = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
  };
  const flush = () => {
    if (used > 0) writeOut(chunk.subarray(0, used));
    used = 0;
  };
  return {
    append(text) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit, so this bound never truncates.
      if (used + 3 * text.length > CHUNK) flush();
      let length: number;
      if (3 * text.length <= CHUNK) {
        length = chunk.write(text, used, 'utf8');
        used += length;
      } else {
        const bytes = Buffer.from(text, 'utf8');
        writeOut(bytes);
        length = bytes.byteLength;
      }
      const location: FragmentLocation = [pack, offset, length];
      offset += length;
      return location;
    },
    flush,
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/** Reads fragments back by location; keeps one descriptor per pack until closed. */
export interface PackReader {
  read(location: FragmentLocation): string;
  /** Copies the fragment's UTF-8 bytes into `target` at `at`, without decoding them. */
  readInto(location: FragmentLocation, target: Buffer, at: number): void;
  close(): void;
}

/** Opens the packs of a cache folder for positioned reads. */
export function openPackReader(cacheDir: string): PackReader {
  const fds = new Map<number, number>();
  let buffer = Buffer.allocUnsafe(1 << 16);
  const readInto = ([pack, offset, length]: FragmentLocation, target: Buffer, at: number) => {
    let fd = fds.get(pack);
    if (fd === undefined) {
      fd = openSync(join(cacheDir, `pack-${pack}.bin`), 'r');
      fds.set(pack, fd);
    }
    let done = 0;
    while (done < length) {
      const read = readSync(fd, target, at + done, length - done, offset + done);
      if (read === 0) throw new Error(`build cache: pack-${pack}.bin is shorter than expected; delete the cache folder`);
      done += read;
    }
  };
  return {
    read(location) {
      const length = location[2];
      if (buffer.byteLength < length) buffer = Buffer.allocUnsafe(length * 2);
      readInto(location, buffer, 0);
      return buffer.toString('utf8', 0, length);
    },
    readInto,
    close() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}

/** A short stable digest of a string (cache keys, output keys). */
export function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
