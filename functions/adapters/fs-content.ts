import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { MediaCatalog, MediaFile } from '../core/media/plan-media.js';

/** A story file found in a content folder. */
export interface StoryFile {
  /** Path as the user should see it in messages (relative to the working directory when possible). */
  display: string;
  path: string;
}

/** Lists `stories/*.json` in a content folder, sorted by name so every build reads in one order. */
export function listStoryFiles(contentDir: string): StoryFile[] {
  const storiesDir = join(contentDir, 'stories');
  let names: string[];
  try {
    names = readdirSync(storiesDir);
  } catch (error) {
    throw new Error(`cannot read ${storiesDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  // As displayPath() gives, worked out once for the folder: path.relative per file took 30 ms of a warm 10k build.
  const fromCwd = relative(process.cwd(), storiesDir);
  const displayPrefix = fromCwd === '' ? '' : fromCwd.startsWith('..') ? storiesDir + sep : `${fromCwd.split(sep).join('/')}/`;
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    // `join` per name normalised 10k paths that need none (16 ms of a warm 10k build): names have no separators.
    .map((name) => ({ path: storiesDir + sep + name, display: displayPrefix + name }));
}

/** Reads `site.json` from a content folder, or undefined when there is none. */
export function readSiteJson(contentDir: string): { json: unknown; file: string } | undefined {
  const file = join(contentDir, 'site.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return { json: JSON.parse(text), file: displayPath(file) };
  } catch (error) {
    throw new Error(`${displayPath(file)}: not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A media catalog over the content folder: a file's size and MD5 are read when a story first
 * refers to it, then remembered. Paths are checked to stay inside `media/` before touching disk,
 * and again after symbolic links are resolved: a link in media/ to a file elsewhere (a key, another
 * folder's photos) reads as missing, so it is never published.
 */
export function fsMediaCatalog(contentDir: string): MediaCatalog {
  const known = new Map<string, MediaFile | undefined>();
  const mediaRoot = join(contentDir, 'media');
  return (path) => {
    if (known.has(path)) return known.get(path);
    const full = join(contentDir, path);
    let file: MediaFile | undefined;
    if (full.startsWith(mediaRoot + sep)) {
      try {
        const real = realpathSync(full);
        if (real.startsWith(realpathSync(mediaRoot) + sep) && statSync(real).isFile()) {
          const bytes = readFileSync(real);
          // MD5: what S3 gives as the ETag of a photo uploaded in one PUT, so the Lambda publishes it under the same path.
          file = { bytes: bytes.byteLength, hash: createHash('md5').update(bytes).digest('hex') };
        }
      } catch {
        file = undefined;
      }
    }
    known.set(path, file);
    return file;
  };
}

/** Size and mtime of a content-relative media path ([-1, -1] when missing): how a cache notices a replaced photo. */
export type MediaFingerprint = (path: string) => [size: number, mtimeMs: number];

/** A media fingerprint over the content folder, remembered per path for the length of a build. */
export function fsMediaFingerprint(contentDir: string): MediaFingerprint {
  const known = new Map<string, [number, number]>();
  return (path) => {
    let found = known.get(path);
    if (!found) {
      try {
        const stats = statSync(join(contentDir, path));
        found = [stats.size, stats.mtimeMs];
      } catch {
        found = [-1, -1];
      }
      known.set(path, found);
    }
    return found;
  };
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') ? fromCwd.split(sep).join('/') : path;
}
