import { copyFileSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteFile } from '../core/site-file.js';
import type { MediaCopy } from '../core/media/published-photo.js';

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
 */
export function copyMedia(contentDir: string, outDir: string, copies: MediaCopy[]): void {
  for (const copy of copies) {
    const target = join(outDir, copy.target);
    const source = join(contentDir, copy.source);
    if (sizeOf(target) !== undefined && sizeOf(target) === sizeOf(source)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
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
  mkdirSync(dirname(path), { recursive: true });
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
