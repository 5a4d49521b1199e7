import type { Feed } from '../feed.js';
import type { SiteFile } from '../site-file.js';
import { feedFiles, subscriptionFeed } from '../outputs/feed-set/feed-set-files.js';
import { feedSetMeta } from '../feed-set-meta.js';
import { pagesReached, sectionSlug, type SectionNames } from '../outputs/site-pages.js';
import type { SiteConfig } from '../site.js';
import type { FeedWindow } from './feed-window.js';
import { keptWindowRules, shownEntries } from '../outputs/feed-set/window-plan.js';

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
function windowFeed(site: SiteConfig, window: FeedWindow): Feed {
  return subscriptionFeed(site, window.folder, windowMeta(site, window), shownEntries(keptWindowRules(site.itemLimit), window), { closed: window.archive?.closed ?? 0, filling: window.archive?.open.length ?? 0 });
}

/** True when a publish runs the main window's step: its feed changed, or a section the front files list was named or renamed. */
export function mainStepDue(mainChanged: boolean, sectionNamesChanged: boolean): boolean {
  return mainChanged || sectionNamesChanged;
}

/**
 * The files a window's step writes: its feed files and the pages they reach (`pagesReached`: the
 * front files with the main window's). It asks for the sections' names (as the publisher stores
 * them at `StateKeys.sections`) only for the front files, so its callers only read and write.
 */
export function* windowStepFiles(site: SiteConfig, window: FeedWindow): Generator<'sections', SiteFile[], SectionNames> {
  const feed = windowFeed(site, window);
  return [...feedFiles(window.folder, feed), ...(yield* pagesReached(site, window.folder, feed))];
}
