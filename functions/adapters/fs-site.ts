import { closeSync, copyFileSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteFile } from '../core/site-file.js';
import type { MediaCopy } from '../core/media/published-photo.js';
import { makeFolder } from './make-folder.js';
import { sniffImageType, SNIFF_BYTES } from '../core/media/sniff-image.js';
import type { OutputPresence, SiteOutput } from '../core/ports/site-output.js';

/**
 * A site folder a CLI build writes, with photos copied from a content folder. `stampsFile` (in the
 * build cache) keeps which output folders the last build found complete and left alone
 * ({@link outputPresence}); without it every folder asked about is listed.
 */
export function fsSiteOutput(outDir: string, contentDir: string, stampsFile?: string): SiteOutput {
  return {
    make: () => makeFolder(outDir, 'output folder'),
    write: (files) => writeSiteFiles(outDir, files),
    writeFile: (path, body) => writeOutputFile(join(outDir, path), body),
    copyMedia: (copies) => copyMedia(contentDir, outDir, copies),
    presence: () => outputPresence(outDir, stampsFile),
    removeStale: (previous, current) => removeStaleFiles(outDir, previous, current),
  };
}

/**
 * Writes a built site into a folder. Each file is written beside its target and renamed over it,
 * so a preview server (or a reader) never sees half a feed.
 */
function writeSiteFiles(outDir: string, files: SiteFile[]): void {
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
function removeStaleFiles(outDir: string, previous: Iterable<string>, current: ReadonlySet<string>): string[] {
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
 * A folder's ctime, mtime and inode: adding, removing or renaming an entry changes its mtime and
 * ctime (a restored backup can set the mtime back, not the ctime).
 */
type FolderStamp = [ctimeMs: number, mtimeMs: number, ino: number];

/**
 * A folder changed less than this long before it was looked at is listed, never trusted by its stamp
 * next time: a file removed within the same tick of the file system's clock as the folder's last
 * change leaves its ctime as it was (the "racy" case git guards its index against).
 */
const SETTLED_MS = 2000;

/**
 * Whether the last build's files are still in the output folder. A folder whose ctime, mtime and
 * inode are what the stamps file says is taken as complete without a look inside: the last build
 * found every file it recorded there, and nothing has been added, removed or renamed in it since. Any other
 * folder is listed once (a warm 10k build asks about ~12k outputs in ~600 folders: one listing per
 * folder, not a stat per file, which under write pressure took a third of its wall time; at 100k,
 * listing ~6 000 folders took 0.23 s). Presence only: a file deleted from the output folder is
 * written again; one edited in place is not (delete it, or the cache folder, to rewrite it).
 *
 * `settle` keeps the stamp of every folder looked at, taken before it was listed: the build asked
 * about every file of its manifest in a folder it did not write into, and found them, so the stamp
 * vouches for them; a folder it wrote into has another ctime by then, so its stamp no longer matches.
 */
export function outputPresence(outDir: string, stampsFile?: string): OutputPresence {
  const previous = stampsFile ? readStamps(stampsFile) : new Map<string, FolderStamp>();
  // Folder → its names (undefined: complete by its stamp), and its stamp when it may be kept.
  const folders = new Map<string, { names?: Set<string>; stamp?: FolderStamp }>();
  const look = (folder: string) => {
    const full = join(outDir, folder);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      return { names: new Set<string>() };
    }
    const stamp: FolderStamp = [stats.ctimeMs, stats.mtimeMs, stats.ino];
    // A file system that keeps no ctime or inode (0) cannot vouch for a folder: it is always listed.
    const settled = stats.ctimeMs > 0 && stats.ino > 0 && Date.now() - Math.max(stats.ctimeMs, stats.mtimeMs) >= SETTLED_MS;
    const before = previous.get(folder);
    if (settled && before && before[0] === stamp[0] && before[1] === stamp[1] && before[2] === stamp[2]) return { stamp };
    let names: Set<string>;
    try {
      names = new Set(readdirSync(full));
    } catch {
      names = new Set();
    }
    // Listed after the stamp was taken: a removal between the two changes the ctime, so the stamp is never newer than what was seen.
    return settled ? { names, stamp } : { names };
  };
  return {
    has(path) {
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      let found = folders.get(folder);
      if (!found) folders.set(folder, (found = look(folder)));
      return !found.names || found.names.has(path.slice(slash + 1));
    },
    settle() {
      if (!stampsFile) return;
      // A folder changed since its stamp (this build wrote or removed a file in it, or anyone else did)
      // no longer matches it: the next build lists it. So every stamp taken here may be kept.
      const kept: Record<string, FolderStamp> = {};
      for (const [folder, { stamp }] of folders) if (stamp) kept[folder] = stamp;
      const text = JSON.stringify(kept);
      if (text !== JSON.stringify(Object.fromEntries(previous))) writeAtomically(stampsFile, text);
    },
  };
}

/** The stamps file, or none when it is missing or damaged: every folder is then listed. */
function readStamps(file: string): Map<string, FolderStamp> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const stamps = new Map<string, FolderStamp>();
    for (const [folder, stamp] of Object.entries(parsed)) {
      if (Array.isArray(stamp) && stamp.length === 3 && stamp.every((value) => typeof value === 'number')) stamps.set(folder, stamp as FolderStamp);
    }
    return stamps;
  } catch {
    return new Map();
  }
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
