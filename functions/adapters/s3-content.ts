import { createHash } from 'node:crypto';
import type { Story } from '../core/story.js';
import { STORY_LIMITS } from '../core/ninjs/limits.js';
import { StoryError } from '../core/story-error.js';
import { SiteConfigError } from '../core/site-config.js';
import { parseSiteJson, SITE_JSON_MAX_BYTES } from '../core/site-json.js';
import { sniffImageType, SNIFF_BYTES } from '../core/media/sniff-image.js';
import type { KnownMedia, LoadedMedia, PhotoVersion, StoryStore } from '../core/ports/story-store.js';
import { PreconditionFailedError } from '../core/ports/state-store.js';
import { copyObject, deleteObject, getObject, listObjects, ObjectTooLargeError, readObjectStart, type S3Location, type StoredObject } from './s3-store.js';

/** Every story file (`stories/*.json`): its key relative to the content prefix and its ETag, sorted by key. */
export async function listStoryFiles(content: S3Location): Promise<Array<{ key: string; etag: string }>> {
  const listing = await listObjects(content, 'stories/');
  return listing.objects
    .filter(({ key }) => isStoryKey(key))
    .map(({ key, etag }) => ({ key, etag }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Where bulk imports are uploaded: no notification matches it (infra/publisher.ts), the rebuild scans it. */
const IMPORT_PREFIX = 'import/';

/** The story file an import key becomes, both relative to the content prefix; undefined for anything else. */
function importOf(key: string): { key: string; from: string } | undefined {
  if (!key.startsWith(IMPORT_PREFIX)) return undefined;
  const story = `stories/${key.slice(IMPORT_PREFIX.length)}`;
  return isStoryKey(story) ? { key: story, from: key } : undefined;
}

/** Every import file, named by the story file it becomes, with its ETag, sorted by key. */
async function listImports(content: S3Location): Promise<Array<{ key: string; from: string; etag: string }>> {
  const listing = await listObjects(content, IMPORT_PREFIX);
  return listing.objects
    .flatMap(({ key, etag }) => {
      const file = importOf(key);
      return file ? [{ ...file, etag }] : [];
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Moves one version of an import file to its story file: a copy (of `etag` only), then the
 * import's deletion. Undefined when the import is gone or was replaced since: it stays for the next run.
 */
async function moveImport(content: S3Location, file: { key: string; from: string; etag: string }): Promise<string | undefined> {
  let etag: string | undefined;
  try {
    etag = await copyObject({ at: content, key: file.from, etag: file.etag }, content, file.key);
  } catch (error) {
    if (error instanceof PreconditionFailedError) return undefined;
    throw error;
  }
  if (etag !== undefined) await deleteObject(content, file.from);
  return etag;
}

/**
 * Reads one story file (from `from`, an import key, when given); undefined when it does not exist.
 * A file over the story size limit is refused from its Content-Length, before its body is read,
 * with the parser's own message; a body that runs past the limit without one is refused once it does.
 */
async function readStoryObject(content: S3Location, key: string, from = key): Promise<StoredObject | undefined> {
  try {
    return await getObject(content, from, { maxBytes: STORY_LIMITS.maxBytes });
  } catch (error) {
    if (!(error instanceof ObjectTooLargeError)) throw error;
    throw new StoryError(content.prefix + key, [{ pointer: '', message: `story is ${sizeOf(error)} bytes; the limit is ${error.limit}` }], { cause: error });
  }
}

/**
 * Reads the content bucket's `site.json` as the CLI reads the file (`parseSiteJson`); undefined
 * when there is none. `file` names it in messages.
 */
export async function readSiteJsonObject(content: S3Location, file: string): Promise<unknown> {
  let object: StoredObject | undefined;
  try {
    object = await getObject(content, 'site.json', { maxBytes: SITE_JSON_MAX_BYTES });
  } catch (error) {
    if (!(error instanceof ObjectTooLargeError)) throw error;
    throw new SiteConfigError(`${file}: ${sizeOf(error)} bytes; the limit is ${error.limit}`, { cause: error });
  }
  return object && parseSiteJson(object.body, file);
}

function sizeOf(error: ObjectTooLargeError): string {
  return error.size === undefined ? `more than ${error.limit}` : String(error.size);
}

/** True for a content key the publisher reads as a story. */
function isStoryKey(key: string): boolean {
  return key.startsWith('stories/') && key.endsWith('.json') && !key.slice('stories/'.length).includes('/');
}

/**
 * Looks up each content-relative photo a story refers to: one ranged GET of its first bytes each,
 * for its size, ETag and image type (sniffed: the bytes decide what is published, and with which
 * Content-Type); the rest is never read (the copy is made inside S3, of that ETag only). Only
 * `media/` paths are looked up: a story cannot pull another story or `site.json` into the site.
 * With `known`, photos in it are not asked for again.
 */
export async function loadStoryMedia(content: S3Location, stories: Story[], known: KnownMedia = new Map()): Promise<LoadedMedia> {
  const versions = new Map<string, PhotoVersion>();
  await Promise.all(
    [...storyMediaPaths(stories)].map(async (path) => {
      let version = known.get(path);
      if (!version) known.set(path, (version = lookUpPhoto(content, path)));
      const found = await version;
      if (found) versions.set(path, found);
    }),
  );
  return {
    catalog: (path) => versions.get(path)?.file,
    sourceOf: (path) => {
      const version = versions.get(path);
      if (!version) throw new Error(`${path} is not one of the photos looked up`);
      return { key: path, etag: version.etag };
    },
  };
}

async function lookUpPhoto(content: S3Location, path: string): Promise<PhotoVersion | undefined> {
  const object = await readObjectStart(content, path, SNIFF_BYTES);
  return object && { file: { bytes: object.size, hash: photoVersion(object.etag), type: sniffImageType(object.start) }, etag: object.etag };
}

/**
 * The version kept in a photo's published path: its ETag, which changes whenever the object is
 * written with other bytes. For an object uploaded in one PUT and not encrypted with SSE-KMS (S3's
 * default encryption included) it is the MD5 of its bytes, which the CLI computes from the file,
 * so both publish a photo under the same URL. Other ETags (multipart `…-N`, SSE-KMS) are hashed
 * into the same hex form.
 */
export function photoVersion(etag: string): string {
  return /^[0-9a-f]{32}$/.test(etag) ? etag : createHash('md5').update(etag).digest('hex');
}

/** The content paths of the stories' own photos (`media/…`), each once. */
function storyMediaPaths(stories: Story[]): Set<string> {
  const paths = new Set<string>();
  for (const story of stories) {
    for (const photo of story.photos) {
      for (const rendition of photo.renditions) {
        if (/^https?:\/\//i.test(rendition.href)) continue;
        const path = decodePath(rendition.href);
        if (path.startsWith('media/') && !path.split('/').includes('..')) paths.add(path);
      }
    }
  }
  return paths;
}

// Same decoding as the core's media plan: hrefs are URI references, `%20` names a space.
function decodePath(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** The story store of the Lambda's use cases, on the content bucket at `content`. */
export function s3StoryStore(content: S3Location): StoryStore {
  return {
    prefix: content.prefix,
    storyKeyOf: (bucketKey) => {
      const key = bucketKey.slice(content.prefix.length);
      return bucketKey.startsWith(content.prefix) && isStoryKey(key) ? key : undefined;
    },
    listStoryFiles: () => listStoryFiles(content),
    readStory: (key, from) => readStoryObject(content, key, from),
    importOf: (bucketKey) => (bucketKey.startsWith(content.prefix) ? importOf(bucketKey.slice(content.prefix.length)) : undefined),
    listImports: () => listImports(content),
    moveImport: (file) => moveImport(content, file),
    loadMedia: (stories, known) => loadStoryMedia(content, stories, known),
  };
}
