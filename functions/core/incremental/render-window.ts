import { assembleFeed, type Feed } from '../feed.js';
import type { SiteFile } from '../site-file.js';
import { feedFiles, subscriptionFeed } from '../outputs/feed-set/feed-set-files.js';
import { feedSetMeta } from '../feed-set-meta.js';
import { renderIndexPage } from '../pages/index-page.js';
import { SITE_CSS } from '../pages/page-layout.js';
import { OPML_PATH, renderOpml } from '../pages/opml.js';
import { renderFeedXsl } from '../pages/feed-xsl.js';
import { FEED_XSL_PATH } from '../formats/xml-stylesheet.js';
import type { SiteConfig } from '../site.js';
import type { FeedWindow } from './feed-window.js';
import { keptWindowRules, shownEntries } from '../outputs/feed-set/window-plan.js';

/** Slug → display name of every section that has items. */
export type SectionRegistry = Record<string, string>;

/** The section slug of a feed folder, or undefined for the main feed. */
export function sectionSlug(folder: string): string | undefined {
  return folder.startsWith('sections/') ? folder.slice('sections/'.length) : undefined;
}

/**
 * A section's display name: the name its newest entry gives it, the rule `section-names.ts` applies
 * to a whole archive, so a rebuild and an incremental publish title the feed alike.
 */
export function sectionName(window: FeedWindow): string | undefined {
  const slug = sectionSlug(window.folder);
  for (const entry of window.entries) {
    const section = entry.sections.find((candidate) => candidate.slug === slug);
    if (section) return section.name;
  }
  return undefined;
}

/** Title and description of a window's feed (its archive pages add their number to the title). */
export function windowMeta(site: SiteConfig, window: FeedWindow): { title: string; description: string } {
  return feedSetMeta(site, sectionName(window));
}

/** The subscription feed a window shows (`subscriptionFeed`, as the CLI build writes it): its newest `itemLimit` entries. */
export function windowFeed(site: SiteConfig, window: FeedWindow): Feed {
  return subscriptionFeed(site, window.folder, windowMeta(site, window), shownEntries(keptWindowRules(site.itemLimit), window), { closed: window.archive?.closed ?? 0, filling: window.archive?.open.length ?? 0 });
}

/** The feed files of a window, and a section's own page (its feeds name it as their web page, as in the CLI build). */
export function renderWindowFiles(site: SiteConfig, window: FeedWindow): SiteFile[] {
  const feed = windowFeed(site, window);
  const files = feedFiles(window.folder, feed);
  if (sectionSlug(window.folder) !== undefined) files.push({ path: `${window.folder}/index.html`, body: renderIndexPage(feed, [], '../../') });
  return files;
}

/** The index page, OPML list, feed XSL view and stylesheet, rendered from the main window and the section registry. */
export function renderFrontFiles(site: SiteConfig, main: FeedWindow, sections: SectionRegistry): SiteFile[] {
  const links = Object.keys(sections)
    .sort()
    .map((slug) => {
      const folder = `sections/${slug}`;
      const name = sections[slug]!;
      return { title: name, feed: assembleFeed(site, folder, feedSetMeta(site, name), []) };
    });
  const mainFeed = windowFeed(site, main);
  return [
    { path: 'index.html', body: renderIndexPage(mainFeed, links) },
    { path: OPML_PATH, body: renderOpml(mainFeed, links) },
    { path: FEED_XSL_PATH, body: renderFeedXsl(site) },
    { path: 'style.css', body: SITE_CSS },
  ];
}
