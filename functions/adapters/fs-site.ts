import { closeSync, copyFileSync, openSync, readdirSync, readSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteFile } from '../core/site-file.js';
import type { MediaCopy } from '../core/media/published-photo.js';
import { makeFolder } from './make-folder.js';
import { sniffImageType, SNIFF_BYTES } from '../core/media/sniff-image.js';
import type { SiteOutput } from '../core/ports/site-output.js';

/** A site folder a CLI build writes, with photos copied from a content folder. */
export function fsSiteOutput(outDir: string, contentDir: string): SiteOutput {
  return {
    make: () => makeFolder(outDir, 'output folder'),
    write: (files) => writeSiteFiles(outDir, files),
    writeFile: (path, body) => writeOutputFile(join(outDir, path), body),
    copyMedia: (copies) => copyMedia(contentDir, outDir, copies),
    presence: () => outputPresence(outDir),
    removeStale: (previous, current) => removeStaleFiles(outDir, previous, current),
  };
}

/**
 * Writes a built site into a folder. Each file is written beside its target and renamed over it,
 * so a preview server (or a reader) never sees half a feed.
 */
export function writeSiteFiles(outDir: string, files: SiteFile[]): void {
  for (const file of files) writeAtomically(join(outDir, file.path), file.body);
}

/**
 * Copies media from the content folder to its content-versioned path in the site folder. A target
 * already there with the source's size is kept: its path names the content hash, so it is the same file.
 * The copy's first bytes are sniffed again: a file replaced since it was planned by one that is not
 * the image type planned is removed, never published.
 */
export function copyMedia(contentDir: string, outDir: string, copies: MediaCopy[]): void {
  for (const copy of copies) {
    const target = join(outDir, copy.target);
    const source = join(contentDir, copy.source);
    if (sizeOf(target) !== undefined && sizeOf(target) === sizeOf(source)) continue;
    makeFolder(dirname(target));
    copyFileSync(source, target);
    const type = sniffImageType(readStart(target, SNIFF_BYTES));
    if (type !== copy.mimeType) {
      rmSync(target, { force: true });
      throw new Error(`${copy.source} changed during the build: it is no longer ${copy.mimeType} (${type ?? 'not an image we publish'}); run it again`);
    }
  }
}

/** Up to `length` bytes from the start of a file. */
function readStart(path: string, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function writeAtomically(path: string, body: string): void {
  makeFolder(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
}

/**
 * Deletes what an earlier build wrote and this one did not (a withdrawn story's page and photos, a
 * section that emptied), so an output folder synced to a server never keeps serving it. Only paths
 * the previous build recorded are touched; anything else in the folder is left alone.
 */
export function removeStaleFiles(outDir: string, previous: Iterable<string>, current: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const path of previous) {
    if (current.has(path) || path.includes('..')) continue;
    rmSync(join(outDir, path), { force: true });
    removeEmptyFolder(dirname(join(outDir, path)), outDir);
    removed.push(path);
  }
  return removed;
}

/** Removes a folder left empty by a removal (a photo's `media/<hash>/`), never the output folder itself. */
function removeEmptyFolder(folder: string, outDir: string): void {
  if (folder === outDir || !folder.startsWith(outDir)) return;
  try {
    if (readdirSync(folder).length === 0) rmdirSync(folder);
  } catch {
    // Already gone or not empty: nothing to do.
  }
}

/**
 * Whether a site file is still in the output folder, answered from one directory listing per folder
 * rather than a stat per file: a warm 10k build checks ~12k outputs in ~800 folders, and under write
 * pressure those stats were a third of its wall time. Presence only: a file deleted from the output
 * folder is written again; one edited in place is not (delete it, or the cache folder, to rewrite it).
 */
export function outputPresence(outDir: string): (path: string) => boolean {
  const listings = new Map<string, Set<string>>();
  return (path) => {
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '' : path.slice(0, slash);
    let names = listings.get(folder);
    if (!names) {
      try {
        names = new Set(readdirSync(join(outDir, folder)));
      } catch {
        names = new Set();
      }
      listings.set(folder, names);
    }
    return names.has(path.slice(slash + 1));
  };
}

/**
 * Writes a file so a preview server never serves half of one that was there: an existing file is
 * replaced by writing beside it and renaming over it. A new file is created in place ('wx'), which
 * saves a second directory operation per file; a cold build creates every file, and under write
 * pressure those directory operations were the largest single cost of the write path.
 */
function writeOutputFile(path: string, body: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return replaceFile(path, body);
    if (code !== 'ENOENT') throw error;
    makeFolder(dirname(path));
    fd = openSync(path, 'wx');
  }
  try {
    writeAll(fd, body);
  } finally {
    closeSync(fd);
  }
}

function replaceFile(path: string, body: Uint8Array): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
}

function writeAll(fd: number, body: Uint8Array): void {
  for (let done = 0; done < body.byteLength; ) done += writeSync(fd, body, done);
}
