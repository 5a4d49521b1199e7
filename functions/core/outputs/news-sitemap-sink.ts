import type { SiteConfig } from '../site.js';
import type { ItemSink } from './item-sink.js';
import { isInNewsSitemap, NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_PATH, NEWS_SITEMAP_WINDOW_MS, renderNewsSitemap, type NewsSitemapEntry } from './news-sitemap.js';

/**
 * The Google News sitemap output: stories first published within two days before `now` (passed in,
 * so the core stays pure), newest first, at most 1,000. Entries arrive oldest first, so only the
 * newest 1,000 in the window are held.
 */
export function createNewsSitemapSink(site: SiteConfig, now: Date): ItemSink & { listed(): number } {
  const since = now.getTime() - NEWS_SITEMAP_WINDOW_MS;
  const recent: NewsSitemapEntry[] = [];
  // First publication of the newest entry seen: it tells whether a saved state still holds.
  let newest = -Infinity;
  let listed = 0;
  return {
    add(entry) {
      // The listing facts come from `rendered`; the story model is read only for the few recent
      // entries, so a streaming build need not load every story for the sitemap.
      const published = new Date(entry.rendered.published);
      newest = Math.max(newest, published.getTime());
      if (!isInNewsSitemap(published, now)) return;
      const { language } = entry.item.story;
      recent.push({ link: entry.rendered.link, title: entry.rendered.title, published, ...(language !== undefined && { language }) });
      if (recent.length > NEWS_SITEMAP_MAX_URLS) recent.shift();
    },
    finish(emit) {
      listed = recent.length;
      emit({ path: NEWS_SITEMAP_PATH, body: renderNewsSitemap(site, [...recent].reverse()) });
    },
    /** After `finish`: stories the sitemap lists. */
    listed: () => listed,
    // Which entries the sitemap holds depends on the clock. Saved is only the newest date seen: a
    // state whose entries are all older than the window is empty under any clock; a later one is
    // not resumed (the build adds its entries again).
    save: () => ({ newest: Number.isFinite(newest) ? newest : null }),
    resume(saved) {
      const last = (saved as { newest: number | null }).newest ?? -Infinity;
      if (last > since) return undefined;
      return () => {
        recent.length = 0;
        newest = last;
      };
    },
  };
}
