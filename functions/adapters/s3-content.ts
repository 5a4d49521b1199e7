import { createHash } from 'node:crypto';
import type { MediaCatalog, MediaFile } from '../core/media/plan-media.js';
import type { Story } from '../core/story.js';
import { STORY_LIMITS } from '../core/ninjs/limits.js';
import { StoryError } from '../core/story-error.js';
import { getObject, getObjectIfChanged, listObjects, ObjectTooLargeError, PreconditionFailedError, UNCHANGED, type S3Location, type StoredObject } from './s3-store.js';
import { LruMap } from './lru-map.js';

/** Photos a story refers to in the content bucket: what the core's media plan needs, plus the bytes to copy. */
export interface LoadedMedia {
  catalog: MediaCatalog;
  /** Bytes of the photos this call read (a photo held from an earlier read is not read again). */
  bytes: Map<string, Uint8Array>;
  /**
   * The bytes of a photo the catalog knows: those read, or read now, only if still the version its
   * hash is of (a photo replaced meanwhile throws: published under the old hash it would be wrong).
   */
  bytesOf(path: string): Promise<Uint8Array>;
}

/**
 * The size and SHA-256 of content photos this process read, with the ETag they were read at, per S3
 * client (so per endpoint). A publish asks S3 for a held photo only if it changed (`If-None-Match`):
 * a correction shows the same photos again, and reading and hashing them anew moved megabytes per
 * publish. Bounded by count: the facts are a hundred bytes or so each.
 */
type HeldPhotos = LruMap<{ etag: string; facts: MediaFile }>;
const heldPhotos = new WeakMap<S3Location['client'], HeldPhotos>();
const HELD_PHOTOS = 4096;

function heldOf(content: S3Location): HeldPhotos {
  let held = heldPhotos.get(content.client);
  if (!held) heldPhotos.set(content.client, (held = new LruMap(HELD_PHOTOS)));
  return held;
}

/** Content keys of every story file (`stories/*.json`), relative to the content prefix, sorted. */
export async function listStoryKeys(content: S3Location): Promise<string[]> {
  const listing = await listObjects(content, 'stories/');
  return listing.objects.map(({ key }) => key).filter(isStoryKey).sort();
}

/**
 * Reads one story file; undefined when it does not exist. A file over the story size limit is
 * refused from its Content-Length, before its body is read, with the parser's own message.
 */
export async function readStoryObject(content: S3Location, key: string): Promise<StoredObject | undefined> {
  try {
    return await getObject(content, key, { maxBytes: STORY_LIMITS.maxBytes });
  } catch (error) {
    if (!(error instanceof ObjectTooLargeError)) throw error;
    throw new StoryError(content.prefix + key, [{ pointer: '', message: `story is ${error.size} bytes; the limit is ${error.limit}` }], { cause: error });
  }
}

/** True for a content key the publisher reads as a story. */
export function isStoryKey(key: string): boolean {
  return key.startsWith('stories/') && key.endsWith('.json') && !key.slice('stories/'.length).includes('/');
}

/** A photo's size and SHA-256, with the ETag of the version they are of. */
interface PhotoVersion {
  file: MediaFile;
  etag: string;
}

/**
 * Photos already read, by content path: their facts and version (undefined when missing). A rebuild
 * shares one across its stories so a photo many stories show is read and hashed once, and only
 * these facts stay in memory, not the bytes.
 */
export type KnownMedia = Map<string, Promise<PhotoVersion | undefined>>;

/** A photo's bytes were asked for after it was hashed, and it is gone or no longer that version. */
export class PhotoChangedError extends Error {
  override readonly name = 'PhotoChangedError';

  constructor(
    readonly path: string,
    readonly removed: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${path} was ${removed ? 'removed' : 'changed'} while its story was being published; the story is published again`, options);
  }
}

/**
 * Reads each content-relative photo a story refers to and hashes it with SHA-256, the CLI's
 * content version, so the Lambda and the CLI publish a photo under the same URL. Only `media/`
 * paths are read: a story cannot pull another story or `site.json` into the site. With `known`,
 * photos in it are not read again and `bytes` holds only the photos this call read. A photo this
 * process read before is read only if it changed since.
 */
export async function loadStoryMedia(content: S3Location, stories: Story[], known: KnownMedia = new Map()): Promise<LoadedMedia> {
  const files = new Map<string, MediaFile>();
  const bytes = new Map<string, Uint8Array>();
  const versions = new Map<string, string>();
  await Promise.all(
    [...storyMediaPaths(stories)].map(async (path) => {
      let facts = known.get(path);
      if (!facts) {
        facts = readPhoto(content, path, bytes);
        known.set(path, facts);
      }
      const version = await facts;
      if (!version) return;
      files.set(path, version.file);
      versions.set(path, version.etag);
    }),
  );
  const bytesOf = async (path: string): Promise<Uint8Array> => {
    const read = bytes.get(path) ?? (await getObject(content, path, { ifMatch: versions.get(path) }).catch(changedMeanwhile(content, path)))?.body;
    if (!read) throw new PhotoChangedError(content.prefix + path, true);
    return read;
  };
  return { catalog: (path) => files.get(path), bytes, bytesOf };
}

/** One photo's facts: from the held ones when S3 answers it is unchanged, else read and hashed (its bytes kept in `bytes`). */
async function readPhoto(content: S3Location, path: string, bytes: Map<string, Uint8Array>): Promise<PhotoVersion | undefined> {
  const held = heldOf(content);
  const id = `${content.bucket}/${content.prefix}${path}`;
  const before = held.get(id);
  const object = before ? await getObjectIfChanged(content, path, before.etag) : await getObject(content, path);
  if (object === UNCHANGED) return { file: before!.facts, etag: before!.etag };
  if (!object) return undefined;
  const file = { bytes: object.body.byteLength, hash: createHash('sha256').update(object.body).digest('hex') };
  bytes.set(path, object.body);
  held.set(id, { etag: object.etag, facts: file });
  return { file, etag: object.etag };
}

function changedMeanwhile(content: S3Location, path: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof PreconditionFailedError) throw new PhotoChangedError(content.prefix + path, false, { cause: error });
    throw error;
  };
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
