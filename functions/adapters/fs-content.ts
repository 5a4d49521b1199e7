import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { MediaCatalog, MediaFile } from '../core/media/plan-media.js';
import { STORY_LIMITS } from '../core/ninjs/limits.js';
import { StoryError } from '../core/story-error.js';
import { escapeFileName } from '../core/text/escape-file-name.js';
import { parseSiteJson, SITE_JSON_MAX_BYTES } from '../core/site-json.js';
import { SiteConfigError } from '../core/site-config.js';
import { FileTooLargeError, NotRegularFileError, readRegularFile, streamRegularFile } from './regular-file.js';
import { sniffImageType, SNIFF_BYTES } from '../core/media/sniff-image.js';
import type { ContentSource, MediaFingerprint, StoryFile } from '../core/ports/content-source.js';

/** A content folder (site.json, stories/*.json, media/) as the use cases read it. */
export function fsContentSource(contentDir: string): ContentSource {
  return {
    check: () => checkContentFolder(contentDir),
    siteJson: () => readSiteJson(contentDir),
    listStories: () => listStoryFiles(contentDir),
    readStory: readStoryFile,
    statStory: (file) => {
      try {
        return statSync(file.path);
      } catch {
        return undefined;
      }
    },
    mediaCatalog: () => fsMediaCatalog(contentDir),
    mediaFingerprint: () => fsMediaFingerprint(contentDir),
  };
}

/**
 * Stops a command whose content folder is missing, naming it: without this, the first complaint
 * was about what site.json lacked (`/baseUrl: required`), as if the folder had an empty one.
 */
function checkContentFolder(contentDir: string): void {
  let stats;
  try {
    stats = statSync(contentDir);
  } catch (error) {
    const code = errorCode(error);
    throw new Error(code === 'ENOENT' || code === 'ENOTDIR' ? `content folder not found: ${escapeFileName(contentDir)}` : `cannot read the content folder ${escapeFileName(contentDir)}: ${code}`, { cause: error });
  }
  if (!stats.isDirectory()) throw new Error(`content folder is not a folder: ${escapeFileName(contentDir)}`);
}

/** Lists `stories/*.json` in a content folder, sorted by name so every build reads in one order. */
export function listStoryFiles(contentDir: string): StoryFile[] {
  const storiesDir = join(contentDir, 'stories');
  let names: string[];
  try {
    names = readdirSync(storiesDir);
  } catch (error) {
    throw new Error(`cannot read ${escapeFileName(storiesDir)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  // As displayPath() gives, worked out once for the folder: path.relative per file took 30 ms of a warm 10k build.
  const fromCwd = relative(process.cwd(), storiesDir);
  const displayPrefix = fromCwd === '' ? '' : fromCwd.startsWith('..') ? storiesDir + sep : `${fromCwd.split(sep).join('/')}/`;
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    // `join` per name normalised 10k paths that need none (16 ms of a warm 10k build): names have no separators.
    .map((name) => ({ path: storiesDir + sep + name, display: escapeFileName(displayPrefix + name) }));
}

/**
 * Reads a story file's bytes: only a regular file, and at most the story size limit of it (a link
 * to `/dev/zero` or a FIFO is refused, never read). Throws a StoryError naming the file.
 */
export function readStoryFile(file: StoryFile): Uint8Array {
  try {
    return readRegularFile(file.path, STORY_LIMITS.maxBytes);
  } catch (error) {
    const message =
      error instanceof FileTooLargeError ? `story is ${error.size} bytes; the limit is ${error.limit}`
      : error instanceof NotRegularFileError ? `${error.message}; only regular files are read`
      : `cannot read: ${errorCode(error)}`;
    throw new StoryError(file.display, [{ pointer: '', message }], { cause: error });
  }
}

/**
 * Reads `site.json` from a content folder, or undefined when there is none: a regular file of at
 * most {@link SITE_JSON_MAX_BYTES}, decoded as story files are.
 */
function readSiteJson(contentDir: string): { json: unknown; file: string } | undefined {
  const path = join(contentDir, 'site.json');
  const file = displayPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, SITE_JSON_MAX_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof FileTooLargeError) throw new SiteConfigError(`${file}: ${error.size} bytes; the limit is ${error.limit}`, { cause: error });
    if (error instanceof NotRegularFileError) throw new SiteConfigError(`${file}: ${error.message}; only regular files are read`, { cause: error });
    throw new SiteConfigError(`${file}: cannot read: ${errorCode(error)}`, { cause: error });
  }
  return { json: parseSiteJson(bytes, file), file };
}

/**
 * A media catalog over the content folder: a file's size, MD5 and image type are read when a story first
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
        if (real.startsWith(realpathSync(mediaRoot) + sep)) {
          // MD5: what S3 gives as the ETag of a photo uploaded in one PUT, so the Lambda publishes it under the same path.
          const md5 = createHash('md5');
          // The first bytes, copied: the chunk's buffer may be reused for the next one.
          let start = new Uint8Array(0);
          const bytes = streamRegularFile(real, (chunk) => {
            md5.update(chunk);
            if (start.byteLength < SNIFF_BYTES) start = Buffer.concat([start, chunk.subarray(0, SNIFF_BYTES - start.byteLength)]);
          });
          file = { bytes, hash: md5.digest('hex'), type: sniffImageType(start) };
        }
      } catch {
        file = undefined;
      }
    }
    known.set(path, file);
    return file;
  };
}

/** A media fingerprint over the content folder, remembered per path for the length of a build. */
function fsMediaFingerprint(contentDir: string): MediaFingerprint {
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
  return escapeFileName(fromCwd && !fromCwd.startsWith('..') ? fromCwd.split(sep).join('/') : path);
}

/** An fs error's code, without Node's message, which repeats the path unescaped. */
function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
