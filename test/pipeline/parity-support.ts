/**
 * Helpers of the CLI ↔ Lambda parity tests: the same stories written to a content folder for the
 * CLI and to the content bucket for the Lambda, and the published feed files of each side.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { listFiles, readBytes } from '../partners/site-files.js';
import { runCli } from '../support/build-content.js';
import { photoBytes, story, type Site, type StoryOptions } from './harness.js';

/** Partner profiles of the parity site: an MSN feed (kills), a section-limited Flipboard feed and Google News. */
export const PARTNERS = {
  msn: { profile: 'msn', itemLimit: 3 },
  'flip-odd': { profile: 'flipboard', sections: ['odd'], itemLimit: 2, imageMinWidth: 0 },
  'google-news': { profile: 'google-news', itemLimit: 4 },
};

/** Minutes after 2024-01-01T00:00Z (the harness's story clock) of `hoursAgo` before now. */
export function minuteHoursAgo(hoursAgo: number): number {
  return Math.floor((Date.now() - hoursAgo * 3_600_000 - Date.UTC(2024, 0, 1)) / 60_000);
}

/** One story of the parity wire: a title long enough for MSN unless `short`, a photo, odd/even sections. */
export function wireStory(n: number, hoursAgo: number, options: StoryOptions & { short?: boolean } = {}): Record<string, unknown> {
  return story(n, {
    headline: options.short ? `S${n}` : `Story number ${n} of the parity wire`,
    subjects: [n % 2 ? 'Odd' : 'Even'],
    photo: 'media/p.jpg',
    minute: minuteHoursAgo(hoursAgo),
    ...options,
  });
}

/** Bytes of the shared photo. */
export const PHOTO = photoBytes('parity photo');

/** Writes the site.json both sides read; `itemLimit` small so archives exist. */
export async function putSiteJson(site: Site, itemLimit: number): Promise<Record<string, unknown>> {
  const json = { title: 'Parity wire', description: 'CLI and Lambda agree', language: 'en', itemLimit, partners: PARTNERS };
  await site.harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'site.json', Body: JSON.stringify(json) }));
  return json;
}

/** Feed files (every feed format, partner feeds, archives, the news sitemap). */
export const FEED_FILE = /(^|\/)(rss\.xml|atom\.xml|feed\.json|news-sitemap\.xml)$/;

/** Every public text file: feeds, pages, index, OPML, XSL, CSS (photos are compared by the pipeline tests). */
export const PUBLIC_TEXT_FILE = /^(?!media\/|_wirefeed\/)/;

/** Where a CLI build reads its stories and keeps its cache: the same for builds that follow each other. */
export interface CliFolders {
  content: string;
  cache: string;
}

/** A content folder and cache folder for a run of CLI builds. */
export function cliFolders(): CliFolders {
  const root = mkdtempSync(join(tmpdir(), 'wirefeed-parity-'));
  return { content: join(root, 'content'), cache: join(root, 'cache') };
}

/**
 * Builds `stories` (name → document) with the CLI at `now`; returns path → text of the files `wanted`
 * matches. Given `folders`, the build reads and caches there, so a build after another sees what the
 * earlier one published (a rejected new version keeps its last good one, partner feeds know what
 * they carried); the content folder is replaced by `stories` each time.
 */
export async function buildWithCli(siteJson: Record<string, unknown>, stories: Map<string, unknown>, now: Date, baseUrl: string, wanted = FEED_FILE, folders?: CliFolders): Promise<Map<string, string>> {
  const content = folders?.content ?? mkdtempSync(join(tmpdir(), 'wirefeed-parity-'));
  rmSync(join(content, 'stories'), { recursive: true, force: true });
  const write = (path: string, body: string | Uint8Array) => {
    mkdirSync(dirname(join(content, path)), { recursive: true });
    writeFileSync(join(content, path), body);
  };
  write('site.json', JSON.stringify(siteJson));
  write('media/p.jpg', PHOTO);
  for (const [name, document] of stories) write(`stories/${name}.json`, typeof document === 'string' ? document : JSON.stringify(document));
  const cache = folders ? ['--cache', folders.cache] : [];
  const run = await runCli(['build', '--content', content, '--out', '$OUT', '--base-url', baseUrl, '--now', now.toISOString(), ...cache]);
  // Exit 1 is a rejected file: expected only where a build follows another (its last good version stays).
  if (run.code !== 0 && !(folders && run.code === 1)) throw new Error(run.errors.join('\n'));
  const files = new Map<string, string>();
  for (const path of listFiles(run.outDir)) if (wanted.test(path)) files.set(path, readBytes(run.outDir, path).toString('utf8'));
  return files;
}

/** The Lambda site's feed files (or the files `wanted` matches): path → text. */
export async function lambdaFeeds(site: Site, wanted = FEED_FILE): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await site.list()) if (!path.startsWith('_wirefeed/') && wanted.test(path)) files.set(path, (await site.read(path))!);
  return files;
}
