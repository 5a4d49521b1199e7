/**
 * The generated site of the same-bytes guard (issue #21): about 1,000 seed-like stories from
 * bench/generate-stories.mjs, twisted so that every output and every story rule has something to
 * write. The folder depends on nothing but this file and the bench generator (seeded PRNG, no
 * clock): built at {@link FIXTURE_NOW}, it gives the same bytes on every run and machine.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { generateContent, seedLikeStory, STORY_SPACING_MS } from '../../bench/generate-stories.mjs';

/** The build time every fixture build is given (`--now`). */
export const FIXTURE_NOW = '2026-01-01T00:00:00Z';

/** Stories generated; kills and corrections add files beside them. */
export const FIXTURE_STORIES = 1000;

const NOW_MS = Date.parse(FIXTURE_NOW);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Shifts the bench archive so its newest story is first published about 12 hours before
 * {@link FIXTURE_NOW}: about ten stories fall in the news sitemap's two days, and all (but the one
 * made old on purpose) in MSN's 365 days.
 */
const SHIFT_MS = NOW_MS - Date.UTC(2022, 0, 1) - (FIXTURE_STORIES - 1) * STORY_SPACING_MS - 12 * HOUR;

/**
 * A small item limit, so the main feed (~1,000 stories) and every section feed (~170 each) are cut
 * into RFC 5005 archives.
 */
const ITEM_LIMIT = 25;

/**
 * Partners of every profile, with the settings that change their bytes: section filters, a summary
 * feed, item limits, image widths and SmartNews' logo.
 */
const PARTNERS = {
  'google-news': { profile: 'google-news' },
  msn: { profile: 'msn', itemLimit: 20, imageMinWidth: 720 },
  flipboard: { profile: 'flipboard', sections: ['sport', 'politics'], content: 'summary', imageMinWidth: 1000 },
  smartnews: { profile: 'smartnews', sections: ['economy-business-and-finance'], itemLimit: 15, logo: 'https://wire.example.org/logo-smartnews.png' },
};

/** The parts of a bench story (a ninjs document) the twists change. */
interface Story {
  version: string;
  firstCreated: string;
  versionCreated: string;
  embargoedUntil?: string;
  pubStatus: 'usable' | 'withheld' | 'canceled';
  language: string;
  by?: string;
  headlines: Array<{ role: string; value: string }>;
  bodies: Array<{ role: string; contentType: string; value: string }>;
  associations: unknown[];
}

/** Base name of story n's file, as the bench generator names it. */
const slugOf = (n: number) => `story-${String(n).padStart(6, '0')}`;

/** A date `ms` after (or before) the given ISO date. */
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Writes the fixture content folder as first sent (stories, photos, site.json) into `dir` and
 * returns it. Which stories get which twist is chosen by index, spread over the archive so
 * archives, sections and the recent window each hold some.
 */
export function writeFixtureSite(dir: string): string {
  generateContent(FIXTURE_STORIES, { itemLimit: ITEM_LIMIT, shiftMs: SHIFT_MS, dir });
  writeFileSync(
    join(dir, 'site.json'),
    JSON.stringify({
      title: 'wirefeed fixture wire',
      description: 'Generated stories that exercise every output: the same-bytes guard',
      baseUrl: 'https://wire.example.org',
      language: 'en',
      itemLimit: ITEM_LIMIT,
      hubs: ['https://hub.example.org/'],
      partners: PARTNERS,
    }),
  );
  for (let n = 0; n < FIXTURE_STORIES; n += 1) {
    const story = benchStory(n);
    writeStory(dir, slugOf(n), twist(n, story) ?? story);
  }
  return dir;
}

/**
 * Adds the later versions to a folder {@link writeFixtureSite} wrote, each in a file of its own
 * beside the first: kills and corrections. Written after a first build, as a wire sends them: MSN
 * announces a kill only for a story its feed carried in an earlier build.
 */
export function writeFixtureUpdates(dir: string): void {
  for (let n = 0; n < FIXTURE_STORIES; n += 1) {
    const story = benchStory(n);
    const after = laterVersion(n, twist(n, story) ?? story);
    if (after) writeStory(dir, `${slugOf(n)}-${after.kind}`, after.story);
  }
}

function writeStory(dir: string, name: string, story: Story): void {
  writeFileSync(join(dir, 'stories', `${name}.json`), JSON.stringify(story, null, 2));
}

/**
 * Bench story n with 3 of its 15 paragraphs and 2 of its 4 photos: the fixture guards what is
 * written, not how fast, and a smaller site keeps the guard within seconds on every push.
 */
function benchStory(n: number): Story {
  const story = seedLikeStory(n, { shiftMs: SHIFT_MS }) as Story;
  const [body] = story.bodies;
  const paragraphs = body!.value.split('</p>').slice(0, 3).join('</p>') + '</p>';
  return { ...story, bodies: [{ ...body!, value: paragraphs }], associations: story.associations.slice(0, 2) };
}

/** Story n's own file changed, or undefined when the bench story stays as generated. */
function twist(n: number, story: Story): Story | undefined {
  // Embargoed past the build time: held out of every output (one in the recent window too).
  if (n % 125 === 60 || n === FIXTURE_STORIES - 2) return { ...story, embargoedUntil: later(FIXTURE_NOW, ((n % 5) + 1) * DAY) };
  // An embargo already lifted at the build time: published as usual.
  if (n % 125 === 61) return { ...story, embargoedUntil: later(story.firstCreated, 2 * HOUR) };
  // First published after the build time: held by its date alone.
  if (n === FIXTURE_STORIES - 4) return { ...story, firstCreated: later(FIXTURE_NOW, 3 * HOUR), versionCreated: later(FIXTURE_NOW, 3 * HOUR) };
  // Canceled in its first version: never public, so announced nowhere, not even as an MSN kill.
  if (n === 500) return { ...story, pubStatus: 'canceled' };
  // Older than MSN's 365 days.
  if (n === 0) return { ...story, firstCreated: '2024-06-01T08:00:00.000Z', versionCreated: '2024-06-01T09:00:00.000Z' };
  // No photo: partners that want one leave it out.
  if (n % 50 === 7) return { ...story, associations: [] };
  // No byline: Flipboard's dc:creator falls back to the site title.
  if (n % 61 === 5) {
    const { by: _by, ...rest } = story;
    return rest as Story;
  }
  // A Chinese story in the sitemap's two days: news:language is zh-cn.
  if (n === FIXTURE_STORIES - 3) return { ...story, language: 'zh-CN' };
  return undefined;
}

/**
 * A second file for story n's uri: version 2 that withdraws it (a kill, alternately canceled and
 * withheld) or corrects it (new headline and first paragraph, later versionCreated).
 */
function laterVersion(n: number, story: Story): { kind: 'kill' | 'correction'; story: Story } | undefined {
  const versionCreated = later(story.versionCreated, 40 * 60_000);
  if (n % 100 === 30 || n >= FIXTURE_STORIES - 12 && n % 3 === 0) {
    return { kind: 'kill', story: { ...story, version: '2', versionCreated, pubStatus: Math.floor(n / 3) % 2 === 0 ? 'canceled' : 'withheld' } };
  }
  if (n % 100 === 70 || n >= FIXTURE_STORIES - 12 && n % 3 === 1) {
    const [headline] = story.headlines;
    const [body] = story.bodies;
    const corrected = {
      ...story,
      version: '2',
      versionCreated,
      headlines: [{ ...headline!, value: `${headline!.value} (corrected)` }],
      bodies: [{ ...body!, value: `<p>Corrects the figures given in the first paragraph.</p>${body!.value.slice(body!.value.indexOf('</p>') + 4)}` }],
    };
    return { kind: 'correction', story: corrected };
  }
  return undefined;
}
