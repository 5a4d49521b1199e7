import type { Feed } from '../feed.js';
import type { SiteFile } from '../site-file.js';
import { feedFiles, subscriptionFeed } from '../outputs/feed-set/feed-set-files.js';
import { feedSetMeta } from '../feed-set-meta.js';
import { feedSetPages, frontPages, sectionSlug, type SectionNames } from '../outputs/site-pages.js';
import type { SiteConfig } from '../site.js';
import type { FeedWindow } from './feed-window.js';
import { keptWindowRules, shownEntries } from '../outputs/feed-set/window-plan.js';

/** Slug → display name of every section that has items, as the publisher stores it (`StateKeys.sections`). */
export type SectionRegistry = Record<string, string>;

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

/** The feed files of a window and the pages they reach (`site-pages.ts`). */
export function renderWindowFiles(site: SiteConfig, window: FeedWindow): SiteFile[] {
  const feed = windowFeed(site, window);
  return [...feedFiles(window.folder, feed), ...feedSetPages(window.folder, feed)];
}

/** The front files (`site-pages.ts`), rendered from the main window and the section registry. */
export function renderFrontFiles(site: SiteConfig, main: FeedWindow, sections: SectionNames): SiteFile[] {
  return frontPages(site, windowFeed(site, main), sections);
}
