import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FeedFile } from './build-sites.js';
import { checkContentHtml, checkUrl, duplicates } from './partner-rules.js';

const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('./schemas/json-feed-1.1.schema.json', import.meta.url)), 'utf8')) as object;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

type JsonObject = Record<string, unknown>;

/** Validates a JSON Feed against the JSON Feed 1.1 schema; returns `pointer: message` lines. */
export function checkJsonFeedSchema(feed: unknown): string[] {
  if (validate(feed)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `schema: ${error.instancePath || '/'}: ${error.message}`);
}

/**
 * The JSON Feed 1.1 rules a schema cannot express, plus the partner rules that apply to JSON:
 * `feed_url` is where the file is published, ids are unique, attachments with one title are
 * alternates (ours are distinct photos, so titles must differ), `date_modified` ≥ `date_published`,
 * every URL absolute and percent-encoded, a language, content HTML with no named entities.
 */
export function checkJsonFeedRules(feedFile: FeedFile, feed: JsonObject): string[] {
  const problems: string[] = [];
  if (feed.feed_url !== feedFile.url) problems.push(`self-link: feed_url ${JSON.stringify(feed.feed_url)} is not the published URL ${feedFile.url}`);
  const language = feedFile.site.site.language;
  if (language && feed.language !== language) problems.push(`language: expected ${language}, got ${JSON.stringify(feed.language)}`);
  for (const key of ['home_page_url', 'feed_url']) if (typeof feed[key] === 'string') problems.push(...checkUrl(feed[key] as string, key));
  const items = (feed.items ?? []) as JsonObject[];
  for (const id of duplicates(items.map((item) => String(item.id)))) problems.push(`ids: duplicate id ${id}`);
  items.forEach((item, index) => {
    const at = `/items/${index}`;
    for (const key of ['url', 'external_url', 'image', 'banner_image']) if (typeof item[key] === 'string') problems.push(...checkUrl(item[key] as string, `${at}/${key}`));
    const published = Date.parse(String(item.date_published));
    const modified = Date.parse(String(item.date_modified));
    if (!Number.isNaN(published) && !Number.isNaN(modified) && modified < published) problems.push(`dates: ${at}: date_modified is before date_published`);
    const attachments = (item.attachments ?? []) as JsonObject[];
    attachments.forEach((attachment, n) => problems.push(...checkUrl(String(attachment.url), `${at}/attachments/${n}/url`)));
    const titles = attachments.map((attachment) => attachment.title).filter((title): title is string => typeof title === 'string');
    for (const title of duplicates(titles)) problems.push(`attachments: ${at}: two attachments titled ${JSON.stringify(title)} would be read as alternates of one photo`);
    if (typeof item.content_html === 'string') problems.push(...checkContentHtml(item.content_html, feedFile).map((problem) => `${at}: ${problem}`));
  });
  return problems;
}
