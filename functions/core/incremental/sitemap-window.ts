import type { SiteConfig } from '../site.js';
import { NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_WINDOW_MS, renderNewsSitemap } from '../outputs/news-sitemap.js';

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

/** True when a story first published at `published` belongs in the sitemap at `now` (the CLI sink's test). */
export function isRecent(published: string, now: Date): boolean {
  const at = Date.parse(published);
  return at > now.getTime() - NEWS_SITEMAP_WINDOW_MS && at <= now.getTime();
}

/**
 * Replaces what `source` had in the sitemap with `entry` (or nothing), and drops every entry that
 * aged out by `now`, newest first, at most the sitemap's 1,000 URLs.
 */
export function applySitemapChange(window: SitemapWindow, source: string, entry: SitemapEntry | undefined, now: Date): SitemapWindow {
  const entries = window.entries.filter((existing) => existing.source !== source && existing.id !== entry?.id);
  if (entry && isRecent(entry.published, now)) entries.push(entry);
  const kept = entries
    .filter((existing) => isRecent(existing.published, now))
    .sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
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
