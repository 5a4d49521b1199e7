import type { Story } from './story.js';
import type { StoryError } from './story-error.js';
import { StoryError as StoryErrorClass } from './story-error.js';
import type { SiteConfig } from './site.js';
import type { MediaCatalog } from './media/plan-media.js';
import type { MediaCopy } from './media/published-photo.js';
import { planMedia } from './media/plan-media.js';
import { buildFeedItem, storyPath } from './feed-item.js';
import { renderItem, type RenderedItem } from './rendered-item.js';
import { assembleFeed, compareNewestFirst, FEED_FILES, isReleased, type Feed } from './feed.js';
import { dedupeStories } from './dedupe-stories.js';
import { renderRss } from './render/rss.js';
import { renderAtom } from './render/atom.js';
import { renderJsonFeed } from './render/json-feed.js';
import { renderIndexPage, type FeedLink } from './pages/index-page.js';
import { renderStoryPage } from './pages/story-page.js';
import { SITE_CSS } from './pages/page-layout.js';

/** A text file of the built site, by path relative to the site root. */
export interface SiteFile {
  path: string;
  body: string;
}

/** Everything one build produces. */
export interface SiteBuild {
  files: SiteFile[];
  /** Media to copy from the content store; only photos of released stories. */
  copies: MediaCopy[];
  /** Stories refused at this stage (duplicates, missing media), in addition to parse failures. */
  rejected: StoryError[];
  /** Items in the main feed. */
  published: number;
  /** Stories not released yet (embargo, future date) or not usable; kept out of every output. */
  withheld: number;
}

/** What a build reads. `now` is passed in: it decides embargoes and nothing else. */
export interface BuildInput {
  site: SiteConfig;
  stories: Story[];
  catalog: MediaCatalog;
  now: Date;
}

/**
 * Builds the whole site from parsed stories: the main feed set, one feed set per section
 * (subject), a page per story, the index page and stylesheet. Pure: the caller reads and writes.
 */
export function buildSite(input: BuildInput): SiteBuild {
  const { site, now } = input;
  const { stories, rejected } = dedupeStories(input.stories);
  const released = stories.filter((story) => isReleased(story, now)).sort(compareNewestFirst);
  const items: RenderedItem[] = [];
  const pages: SiteFile[] = [];
  const copies = new Map<string, MediaCopy>();
  for (const story of released) {
    const plan = planMedia(story, input.catalog, site.baseUrl);
    if (plan.problems.length > 0) {
      rejected.push(new StoryErrorClass(story.source, plan.problems));
      continue;
    }
    for (const copy of plan.copies) copies.set(copy.target, copy);
    const item = buildFeedItem(story, plan, site.baseUrl);
    items.push(renderItem(item));
    pages.push({ path: storyPath(story), body: renderStoryPage(item, site) });
  }

  const main = assembleFeed(site, '', { title: site.title, description: site.description }, items);
  const sections = sectionFeeds(site, items);
  const files: SiteFile[] = [
    ...feedFiles('', main),
    ...sections.flatMap(({ folder, link }) => feedFiles(folder, link.feed)),
    ...pages,
    { path: 'index.html', body: renderIndexPage(main, sections.map(({ link }) => link)) },
    { path: 'style.css', body: SITE_CSS },
  ];
  return { files, copies: [...copies.values()], rejected, published: main.items.length, withheld: stories.length - released.length };
}

/** The three files of one feed set, under `folder`. */
export function feedFiles(folder: string, feed: Feed): SiteFile[] {
  const prefix = folder ? `${folder}/` : '';
  return [
    { path: prefix + FEED_FILES.rss, body: renderRss(feed) },
    { path: prefix + FEED_FILES.atom, body: renderAtom(feed) },
    { path: prefix + FEED_FILES.json, body: renderJsonFeed(feed) },
  ];
}

function sectionFeeds(site: SiteConfig, items: RenderedItem[]): Array<{ folder: string; link: FeedLink }> {
  const bySlug = new Map<string, { name: string; items: RenderedItem[] }>();
  for (const item of items) {
    for (const category of item.sections) {
      const section = bySlug.get(category.slug) ?? { name: category.name, items: [] };
      section.items.push(item);
      bySlug.set(category.slug, section);
    }
  }
  return [...bySlug.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([slug, section]) => {
      const folder = `sections/${slug}`;
      const meta = { title: `${site.title}: ${section.name}`, description: `${section.name} — ${site.description}` };
      return { folder, link: { title: section.name, feed: assembleFeed(site, folder, meta, section.items) } };
    });
}
