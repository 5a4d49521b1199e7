import type { SiteConfig } from '../site.js';
import { isInNewsSitemap, NEWS_SITEMAP_MAX_URLS, renderNewsSitemap } from '../outputs/news-sitemap.js';
import { compareNewestFirst } from '../newest-first.js';

/** A sitemap URL as stored in state, with the source it came from. */
export interface SitemapEntry {
  source: string;
  id: string;
  link: string;
  title: string;
  /** First publication (ISO 8601). */
  published: string;
  language?: string;
}

/** The stories of the last two days: small by definition, so one object holds them all. */
export interface SitemapWindow {
  entries: SitemapEntry[];
  /** MD5 of the sitemap file last written. */
  md5?: string;
}

/**
 * Replaces what `source` had in the sitemap with `entry` (or nothing), and drops every entry that
 * aged out by `now`, newest first, at most the sitemap's 1,000 URLs.
 */
export function applySitemapChange(window: SitemapWindow, source: string, entry: SitemapEntry | undefined, now: Date): SitemapWindow {
  const entries = window.entries.filter((existing) => existing.source !== source && existing.id !== entry?.id);
  if (entry && isInNewsSitemap(entry.published, now)) entries.push(entry);
  const kept = entries
    .filter((existing) => isInNewsSitemap(existing.published, now))
    .sort(compareNewestFirst)
    .slice(0, NEWS_SITEMAP_MAX_URLS);
  return { ...window, entries: kept };
}

/** The `news-sitemap.xml` of a window, rendered by the CLI's renderer. */
export function renderSitemapWindow(site: SiteConfig, window: SitemapWindow): string {
  return renderNewsSitemap(
    site,
    window.entries.map(({ link, title, published, language }) => ({ link, title, published: new Date(published), ...(language !== undefined && { language }) })),
  );
}
