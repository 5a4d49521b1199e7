import type { Photo, Rendition, Story } from '../story.js';
import type { StoryProblem } from '../story-error.js';
import type { MediaCopy, PublishedPhoto, PublishedRendition } from './published-photo.js';
import { IMAGE_EXTENSIONS, imageTypeOf, registeredImageType } from './image-types.js';

/** What the storage adapter knows about one media file in the content store. */
export interface MediaFile {
  bytes: number;
  /**
   * Hex version of the file's bytes: their MD5 (the CLI's, and S3's ETag of a photo uploaded in one
   * PUT), or another hex form of the ETag that changes with them.
   */
  hash: string;
  /**
   * The image type the file's first bytes say it is (`sniffImageType`); undefined when they are no
   * type we publish. What is published and served, whatever the story declares.
   */
  type: string | undefined;
}

/** Looks up a content-relative media path (`media/…`); undefined when the file is missing. */
export type MediaCatalog = (path: string) => MediaFile | undefined;

/** The published form of a story's photos, the files to copy, and what was missing. */
export interface MediaPlan {
  photos: PublishedPhoto[];
  copies: MediaCopy[];
  problems: StoryProblem[];
}

/** Hex digits of the content hash kept in a photo's path: 64 bits, no realistic collision. */
const HASH_DIGITS = 16;

/**
 * Decides where each photo is published. Our own files get a content-versioned path
 * (`media/<hash>/<name>`), so a changed photo gets a new URL (MSN refreshes only then) and caches
 * may keep a URL for a year. External http(s) URLs are published as given and never fetched.
 */
export function planMedia(story: Story, catalog: MediaCatalog, baseUrl: string): MediaPlan {
  const problems: StoryProblem[] = [];
  const copies = new Map<string, MediaCopy>();
  const publish = (rendition: Rendition): PublishedRendition | undefined => {
    if (/^https?:\/\//i.test(rendition.href)) return describe(rendition, new URL(rendition.href).href, rendition.bytes, registeredImageType(rendition.mimeType));
    const path = decodePath(rendition.href);
    const file = catalog(path);
    if (!file) {
      problems.push({ pointer: `${rendition.pointer}/href`, message: `media file not found: ${path}` });
      return undefined;
    }
    if (file.type === undefined) {
      problems.push({ pointer: `${rendition.pointer}/href`, message: `${path} is not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes); only those are published` });
      return undefined;
    }
    const target = `media/${file.hash.slice(0, HASH_DIGITS)}/${publishedName(path.slice(path.lastIndexOf('/') + 1), file.type)}`;
    copies.set(target, { source: path, target, mimeType: file.type });
    return describe(rendition, `${baseUrl}/${encodePath(target)}`, file.bytes, file.type);
  };

  const photos: PublishedPhoto[] = [];
  story.photos.forEach((photo, index) => {
    const main = publish(photo.renditions[0]!);
    const smallest = photo.renditions.length > 1 ? photo.renditions[photo.renditions.length - 1]! : undefined;
    const thumbnail = smallest && isSmaller(smallest, photo.renditions[0]!) ? publish(smallest) : undefined;
    if (!main) return;
    const caption = photo.caption;
    const numbered = caption === undefined || sharesCaption(story.photos, index);
    const label = numbered ? `${caption ?? story.title} (photo ${index + 1} of ${story.photos.length})` : caption;
    photos.push({
      id: photo.id,
      ...(caption !== undefined && { caption }),
      ...(photo.credit !== undefined && { credit: photo.credit }),
      label,
      main,
      ...(thumbnail && { thumbnail }),
    });
  });
  return { photos, copies: [...copies.values()], problems };
}

function describe(rendition: Rendition, url: string, bytes: number | undefined, mimeType: string): PublishedRendition {
  return {
    url,
    mimeType,
    ...(rendition.width !== undefined && { width: rendition.width }),
    ...(rendition.height !== undefined && { height: rendition.height }),
    ...(bytes !== undefined && { bytes }),
  };
}

/**
 * The file name a photo is published under: its own when its extension names its type, else with
 * that type's extension added (`evil.html` with JPEG bytes is `evil.html.jpg`), so a server or a
 * sync tool that types files by name serves it as the image it is.
 */
function publishedName(name: string, type: string): string {
  return imageTypeOf(name) === type ? name : `${name}.${IMAGE_EXTENSIONS[type]}`;
}

function isSmaller(candidate: Rendition, main: Rendition): boolean {
  return (candidate.width ?? 0) * (candidate.height ?? 0) < (main.width ?? 0) * (main.height ?? 0);
}

/**
 * True when another photo of the story has the same caption. Compared pair by pair (at most 50
 * photos): hashing captions of a few hundred characters into a map cost more for the usual handful.
 */
function sharesCaption(photos: Photo[], index: number): boolean {
  const caption = photos[index]!.caption;
  return photos.some((other, otherIndex) => otherIndex !== index && other.caption === caption);
}

function decodePath(href: string): string {
  if (!href.includes('%')) return href;
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** Characters `encodeURIComponent` leaves as they are, plus the segment separator. */
const UNRESERVED_PATH = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** Percent-encodes each path segment (spaces, non-ASCII) so the URL is valid as published. */
export function encodePath(path: string): string {
  // Most paths need no encoding; splitting and joining them cost more than the rest of media planning.
  if (UNRESERVED_PATH.test(path)) return path;
  return path.split('/').map(encodeURIComponent).join('/');
}
