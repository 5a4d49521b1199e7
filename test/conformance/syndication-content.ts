import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteOverrides } from '../../functions/core/site-config.js';
import { buildSite, CONTENT_DIR, HARD_CASES_DIR, makeTempDir, type BuiltSite } from './build-sites.js';

/**
 * Content folders for the feed kinds that need more than the sample content gives at the suite's
 * 2030 clock: RFC 5005 archive pages (built with `--limit 2`), MSN kills, and partner and sitemap
 * windows (MSN takes stories under 365 days old, the news sitemap the last two days), so these sites
 * are built with a clock just after their newest story.
 */

/** A day after the newest sample story (TT, 2021-05-26T11:40:18Z). */
export const SAMPLE_NOW = new Date('2021-05-27T00:00:00Z');
/** A day after the newest hard case (xml-specials, 2024-03-02T10:30:45Z). */
export const HARD_CASES_NOW = new Date('2024-03-03T00:00:00Z');

/** A plain-text story in a given state; withdrawn ones are kills when published before. */
function story(uri: string, headline: string, firstCreated: string, versionCreated: string, pubStatus: string) {
  return {
    uri,
    version: '2',
    firstCreated,
    versionCreated,
    pubStatus,
    language: 'en',
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contentType: 'text/plain', value: 'This story was withdrawn after publication; partners are told to take it down.' }],
  };
}

/** Day of the withdrawn stories, by content folder. */
const withdrawnOn = new Map<string, string>();

/**
 * Two stories published and then withdrawn (canceled, withheld) and one canceled before it ran.
 * Written as they first ran (`withdrawn` false), then withdrawn: MSN gets a kill only for a story
 * its feed carried, so a site with kills is built twice (`buildSyndicationSite`).
 */
function writeWithdrawnStories(dir: string, day: string, withdrawn: boolean): void {
  const write = (name: string, body: object) => writeFileSync(join(dir, 'stories', name), JSON.stringify(body, null, 2));
  // As first published (usable, one version), or taken down in a later version.
  const ran = (first: string, takenDown: string, status: string): [string, string, string] => (withdrawn ? [first, takenDown, status] : [first, first, 'usable']);
  write('killed-canceled.json', story('urn:wirefeed:conformance:killed-canceled', 'Harbour story withdrawn (canceled) in the evening', ...ran(`${day}T08:00:00Z`, `${day}T18:30:00Z`, 'canceled')));
  write('killed-withheld.json', story('urn:wirefeed:conformance:killed-withheld', 'Court story withheld by order in the evening', ...ran(`${day}T07:00:00Z`, `${day}T19:30:00Z`, 'withheld')));
  write('never-public.json', story('urn:wirefeed:conformance:never-public', 'A story that was canceled before it ever ran', `${day}T09:00:00Z`, `${day}T09:00:00Z`, 'canceled'));
}

function addWithdrawnStories(dir: string, day: string): void {
  withdrawnOn.set(dir, day);
  writeWithdrawnStories(dir, day, false);
}

/**
 * Builds a syndication content folder as a wire publishes it: first with the withdrawn stories as
 * they ran, then, into the same output folder, withdrawn (the site this returns).
 */
export function buildSyndicationSite(name: string, contentDir: string, now: Date, overrides: SiteOverrides = {}): BuiltSite {
  const before = buildSite(name, contentDir, now, overrides);
  writeWithdrawnStories(contentDir, withdrawnOn.get(contentDir)!, true);
  return buildSite(name, contentDir, now, overrides, before.outDir);
}

/** content/ (with its four partner profiles) plus withdrawn stories on the day of the newest story. */
export function sampleSyndicationContent(): string {
  const dir = makeTempDir('wirefeed-conformance-sample-syndication-');
  cpSync(CONTENT_DIR, dir, { recursive: true });
  addWithdrawnStories(dir, '2021-05-26');
  return dir;
}

/** The hard cases with all four partner profiles configured, plus withdrawn stories. */
export function hardCasesSyndicationContent(): string {
  const dir = makeTempDir('wirefeed-conformance-hard-syndication-');
  cpSync(HARD_CASES_DIR, dir, { recursive: true });
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')) as Record<string, unknown>;
  site.partners = {
    'google-news': { profile: 'google-news' },
    msn: { profile: 'msn' },
    flipboard: { profile: 'flipboard' },
    smartnews: { profile: 'smartnews', logo: 'https://feeds.example.org/wire/logo.png' },
  };
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site, null, 2));
  addWithdrawnStories(dir, '2024-03-02');
  return dir;
}
