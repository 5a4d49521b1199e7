import type { NinjsDocument, NinjsRendition } from './ninjs-types.js';
import type { Photo, Rendition } from '../story.js';
import type { StoryProblem } from '../story-error.js';
import { pointer } from '../story-error.js';
import { RENDITION_BOUNDS, STORY_LIMITS } from './limits.js';
import { pickText, plainTextOf } from './pick-text.js';
import { cleanLine } from '../text/clean-text.js';
import { imageTypeOf } from '../media/image-types.js';

/**
 * Maps a story's pictures: its `picture` associations, or the story itself when it is a photo-only
 * item (`type: picture` with its own renditions). Renditions without an href or with a non-image
 * type are not photos and are skipped; an href that leaves the media folder is an error.
 */
export function mapPhotos(document: NinjsDocument, problems: StoryProblem[]): Photo[] {
  const photos: Photo[] = [];
  if (document.type === 'picture' && document.renditions) {
    const photo = mapPhoto(document, '', problems);
    if (photo) photos.push(photo);
  }
  (document.associations ?? []).forEach((association, index) => {
    if (association.type !== 'picture') return;
    const photo = mapPhoto(association, pointer('associations', index), problems);
    if (photo) photos.push(photo);
  });
  if (photos.length > STORY_LIMITS.maxPhotos) {
    problems.push({ pointer: '/associations', message: `too many photos: ${photos.length} (limit ${STORY_LIMITS.maxPhotos})` });
  }
  return photos;
}

function mapPhoto(picture: NinjsDocument, at: string, problems: StoryProblem[]): Photo | undefined {
  const renditions = (picture.renditions ?? [])
    .map((rendition, index) => mapRendition(rendition, `${at}${pointer('renditions', index)}`, problems))
    .filter((rendition): rendition is Rendition => rendition !== undefined);
  if (renditions.length === 0) return undefined;
  if (renditions.length > STORY_LIMITS.maxRenditions) {
    problems.push({ pointer: `${at}/renditions`, message: `too many renditions: ${renditions.length} (limit ${STORY_LIMITS.maxRenditions})` });
  }
  // Largest first; equal areas keep source order so the choice of main image is stable.
  const byArea = renditions
    .map((rendition, order) => ({ rendition, order }))
    .sort((a, b) => area(b.rendition) - area(a.rendition) || a.order - b.order)
    .map(({ rendition }) => rendition);
  const caption = plainTextOf(pickText(picture.descriptions, ['caption', 'summary', 'text'], 'only')) ??
    plainTextOf(pickText(picture.headlines, ['main', 'caption']));
  const credit = firstLine(picture.by, picture.copyrightHolder);
  return {
    id: picture.uri ?? picture.name ?? byArea[0]!.href,
    ...(caption !== undefined && { caption }),
    ...(credit !== undefined && { credit }),
    renditions: byArea,
  };
}

function mapRendition(source: NinjsRendition, at: string, problems: StoryProblem[]): Rendition | undefined {
  if (!source.href) return undefined;
  const mimeType = source.contentType?.toLowerCase().split(';')[0]!.trim() || imageTypeOf(source.href);
  if (!mimeType?.startsWith('image/')) {
    if (!source.contentType) problems.push({ pointer: `${at}/contentType`, message: 'picture rendition has no contentType and its file name does not tell' });
    return undefined;
  }
  const hrefProblem = checkHref(source.href);
  if (hrefProblem) {
    problems.push({ pointer: `${at}/href`, message: hrefProblem });
    return undefined;
  }
  const width = checkedNumber(source, 'width', at, problems);
  const height = checkedNumber(source, 'height', at, problems);
  const bytes = checkedNumber(source, 'sizeInBytes', at, problems);
  return {
    href: source.href,
    pointer: at,
    mimeType,
    ...(width !== undefined && { width }),
    ...(height !== undefined && { height }),
    ...(bytes !== undefined && { bytes }),
  };
}

/** A rendition number within RENDITION_BOUNDS, or a problem at its path. */
function checkedNumber(source: NinjsRendition, field: keyof typeof RENDITION_BOUNDS, at: string, problems: StoryProblem[]): number | undefined {
  const value = source[field];
  if (value === undefined) return undefined;
  const { min, max } = RENDITION_BOUNDS[field];
  // ninjs 3.x types these as integers, 2.x widths and heights as any number.
  if (!Number.isInteger(value)) problems.push({ pointer: `${at}/${field}`, message: `${value} is not a whole number` });
  else if (value < min || value > max) problems.push({ pointer: `${at}/${field}`, message: `${value} is outside ${min}..${max}` });
  else return value;
  return undefined;
}

/**
 * Relative hrefs are resolved against the content root and must stay inside `media/`; absolute
 * http(s) URLs are published as they are (never fetched). Anything else is refused.
 */
function checkHref(href: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    if (!/^https?:\/\//i.test(href)) return 'only http(s) URLs or paths under media/ are allowed';
    // Published through the WHATWG parser (plan-media.ts), which throws on a port above 65535,
    // an empty or malformed host: refused here, with its path, so only this story stays out.
    return URL.canParse(href) ? undefined : `not a valid URL: ${JSON.stringify(href)}`;
  }
  if (href.startsWith('/') || href.includes('\\')) return 'a media path must be relative to the content root, under media/';
  const segments = decodeURIComponentSafe(href).split('/');
  if (segments.includes('..') || segments.includes('.') || segments.some((s) => s === '')) {
    return 'media path leaves the media folder or has empty segments';
  }
  if (segments[0] !== 'media' || segments.length < 2) return 'a media path must start with media/';
  return undefined;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function area(rendition: Rendition): number {
  return (rendition.width ?? 0) * (rendition.height ?? 0);
}

function firstLine(...values: Array<string | undefined>): string | undefined {
  for (const value of values) {
    const line = value === undefined ? '' : cleanLine(value);
    if (line) return line;
  }
  return undefined;
}
