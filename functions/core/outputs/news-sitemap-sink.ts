import type { SiteConfig } from '../site.js';
import type { ItemSink } from './item-sink.js';
import { NEWS_SITEMAP_MAX_AGE_MS } from './news-sitemap.js';
import { newsSitemapEntry, newsSitemapPlanner } from './news-sitemap-planner.js';

/**
 * The news sitemap in a build: the planner (`news-sitemap-planner.ts`) run from empty state over
 * every released story, at `now` (passed in, so the core stays pure). The sink only feeds it.
 */
export function createNewsSitemapSink(site: SiteConfig, now: Date): ItemSink & { listed(): number } {
  const since = now.getTime() - NEWS_SITEMAP_MAX_AGE_MS;
  let planner = newsSitemapPlanner(site, now);
  // First publication of the newest entry seen: it tells whether a saved state still holds.
  let newest = -Infinity;
  let listed = 0;
  return {
    add(entry) {
      // The item answers the listing facts from memory in a streaming build (`build-templates.ts`),
      // so the sitemap does not load every story back. Its source is the story file.
      const listing = newsSitemapEntry(entry.item, entry.item.story.source);
      newest = Math.max(newest, entry.item.story.published.getTime());
      planner.change({ source: listing.source, entry: listing });
    },
    finish(emit) {
      const plan = planner.plan();
      listed = plan.next.entries.length;
      for (const file of plan.writes) emit(file);
    },
    /** After `finish`: stories the sitemap lists. */
    listed: () => listed,
    // Which entries the sitemap holds depends on the clock. Saved is only the newest date seen: a
    // state whose entries are all older than the age limit is empty under any clock; a later one is
    // not resumed (the build adds its entries again).
    save: () => ({ newest: Number.isFinite(newest) ? newest : null }),
    resume(saved) {
      const last = (saved as { newest: number | null }).newest ?? -Infinity;
      if (last > since) return undefined;
      return () => {
        planner = newsSitemapPlanner(site, now);
        newest = last;
      };
    },
  };
}
