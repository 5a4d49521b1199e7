import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteFile } from '../core/build-site.js';
import type { MediaCopy } from '../core/media/published-photo.js';

/**
 * Writes a built site into a folder. Each file is written beside its target and renamed over it,
 * so a preview server (or a reader) never sees half a feed.
 */
export function writeSiteFiles(outDir: string, files: SiteFile[]): void {
  for (const file of files) writeAtomically(join(outDir, file.path), file.body);
}

/** Copies media from the content folder to its content-versioned path in the site folder. */
export function copyMedia(contentDir: string, outDir: string, copies: MediaCopy[]): void {
  for (const copy of copies) {
    const target = join(outDir, copy.target);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(contentDir, copy.source), target);
  }
}

function writeAtomically(path: string, body: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
}
