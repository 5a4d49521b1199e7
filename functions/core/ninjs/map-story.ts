import type { NinjsDocument, NinjsSubject } from './ninjs-types.js';
import type { Category, PubStatus, Story } from '../story.js';
import type { StoryProblem } from '../story-error.js';
import { mapPhotos } from './map-photos.js';
import { isHtml, pickText, plainTextOf } from './pick-text.js';
import { sanitizeBodyHtml } from '../html/sanitize-body.js';
import { plainTextToHtml } from '../html/plain-text.js';
import { cleanLine, cleanText } from '../text/clean-text.js';
import { subjectSlug } from '../text/subject-slug.js';
import { DATE_RANGE } from './limits.js';

/** What mapping needs besides the document. */
export interface MapOptions {
  /** Where the story came from, for messages. */
  source: string;
  /** Site base URL that relative links in bodies resolve against. */
  baseUrl: string;
}

const HEADLINE_ROLES = ['main', 'headline', 'title', 'short', 'simple'];
const SUMMARY_ROLES = ['summary', 'abstract', 'teaser', 'lead', 'description', 'text'];
/** A picture item's caption describes the item itself, so it may be its summary. */
const PICTURE_SUMMARY_ROLES = [...SUMMARY_ROLES, 'caption'];
const BODY_ROLES = ['main', 'body', 'richhtml5', 'html5', 'text', 'richtext'];

/**
 * Maps a schema-valid ninjs 3.x document into a Story, applying wirefeed's own rules on top of the
 * schema: an absolute `uri` (it is the guid forever), a headline, a `versionCreated` date.
 * Every problem found is pushed to `problems`; the result is only usable when none were.
 */
export function mapStory(document: NinjsDocument, options: MapOptions, problems: StoryProblem[]): Story | undefined {
  const id = cleanLine(document.uri);
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) {
    problems.push({ pointer: '/uri', message: 'must be an absolute URI (it becomes the permanent guid/id of the item)' });
  }

  const title = plainTextOf(pickText(document.headlines, HEADLINE_ROLES));
  if (title === undefined) {
    problems.push({ pointer: '/headlines', message: 'no headline: a feed item needs a title (add headlines[0].value)' });
  }

  const updated = parseDate(document.versionCreated, '/versionCreated', problems, true);
  const published = parseDate(document.firstCreated, '/firstCreated', problems, false) ?? updated;
  if (published && updated && published.getTime() > updated.getTime()) {
    problems.push({ pointer: '/firstCreated', message: 'is later than versionCreated' });
  }
  const embargoedUntil = parseDate(document.embargoedUntil, '/embargoedUntil', problems, false);

  const summaryRoles = document.type === 'picture' ? PICTURE_SUMMARY_ROLES : SUMMARY_ROLES;
  const summary = plainTextOf(pickText(document.descriptions, summaryRoles, 'only'));
  const bodyHtml = mapBody(document, options.baseUrl, summary);
  const photos = mapPhotos(document, problems);
  const categories = mapCategories(document.subjects);
  const author = document.by === undefined ? '' : cleanLine(document.by).replace(/^by\s+/i, '');

  if (problems.length > 0 || title === undefined || updated === undefined || published === undefined) return undefined;
  return {
    id,
    version: cleanLine(document.version ?? '') || updated.toISOString(),
    title,
    ...(summary !== undefined && { summary }),
    bodyHtml,
    authors: author ? [author] : [],
    ...optionalLine('credit', document.copyrightHolder),
    ...optionalLine('copyright', document.copyrightNotice),
    ...optionalLine('language', document.language),
    published,
    updated,
    categories,
    status: (document.pubStatus ?? 'usable') as PubStatus,
    ...(embargoedUntil !== undefined && { embargoedUntil }),
    photos,
    source: options.source,
  };
}

function mapBody(document: NinjsDocument, baseUrl: string, summary: string | undefined): string {
  const bodies = document.bodies ?? [];
  // Markup wins over plain text whatever the roles say: it carries links and structure.
  const html = pickText(bodies.filter((body) => isHtml(body.contentType)), BODY_ROLES);
  if (html) return sanitizeBodyHtml(cleanText(html.value), { baseUrl });
  const text = pickText(bodies, BODY_ROLES);
  if (text) return plainTextToHtml(cleanText(text.value));
  return summary === undefined ? '' : plainTextToHtml(summary);
}

function mapCategories(subjects: NinjsSubject[] | undefined): Category[] {
  const categories: Category[] = [];
  const seen = new Set<string>();
  for (const subject of subjects ?? []) {
    const name = cleanLine(subject.name ?? subject.literal ?? '');
    if (!name) continue;
    const slug = subjectSlug(name);
    if (seen.has(slug)) continue;
    seen.add(slug);
    categories.push({ name, slug, ...(subject.uri !== undefined && { scheme: subject.uri }) });
  }
  return categories;
}

/** The date range as messages show it. */
const RANGE_TEXT = `${new Date(DATE_RANGE.min).toISOString().slice(0, 19)}Z..${new Date(DATE_RANGE.max).toISOString().slice(0, 19)}Z`;

function parseDate(value: string | undefined, at: string, problems: StoryProblem[], required: boolean): Date | undefined {
  if (value === undefined) {
    if (required) problems.push({ pointer: at, message: 'required by wirefeed: the item date comes from it' });
    return undefined;
  }
  // The schema's date-time format already demands a zone; Date parsing is the second guard.
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/(?:z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) {
    problems.push({ pointer: at, message: `not a date-time with a time zone: ${JSON.stringify(value)}` });
    return undefined;
  }
  if (date.getTime() < DATE_RANGE.min || date.getTime() > DATE_RANGE.max) {
    problems.push({ pointer: at, message: `${JSON.stringify(value)} is outside ${RANGE_TEXT}: feed dates need a year of four digits, 1900 or later` });
    return undefined;
  }
  return date;
}

function optionalLine<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const line = value === undefined ? '' : cleanLine(value);
  return line ? ({ [key]: line } as Record<K, string>) : {};
}
