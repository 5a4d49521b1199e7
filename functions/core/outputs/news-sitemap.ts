import type { SiteConfig } from '../site.js';
import { formatRfc3339 } from '../dates.js';
import { escapeXmlText as text } from '../xml/escape.js';

/** Path of the Google News sitemap in the site. */
export const NEWS_SITEMAP_PATH = 'news-sitemap.xml';

/** Google News takes only articles from the last two days. */
export const NEWS_SITEMAP_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * True when a story first published at `published` belongs in the news sitemap at `now`: less than
 * two days old and not in the future. The one test of the CLI build, the publish and the rebuild.
 */
export function isInNewsSitemap(published: Date | string, now: Date): boolean {
  const at = typeof published === 'string' ? Date.parse(published) : published.getTime();
  return at > now.getTime() - NEWS_SITEMAP_MAX_AGE_MS && at <= now.getTime();
}

/** At most 1,000 URLs per news sitemap file. */
export const NEWS_SITEMAP_MAX_URLS = 1000;

/** One article of the sitemap. */
export interface NewsSitemapEntry {
  link: string;
  title: string;
  published: Date;
  language?: string;
}

/**
 * A Google News sitemap: a sitemaps.org `urlset` with one `news:news` per URL, giving the
 * publication's name and language, the original publication time and the title
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). An empty
 * urlset is valid: the file is updated in place as articles age out.
 */
export function renderNewsSitemap(site: SiteConfig, entries: readonly NewsSitemapEntry[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n';
  for (const entry of entries) {
    out += `<url><loc>${text(entry.link)}</loc><news:news><news:publication><news:name>${text(site.title)}</news:name>`;
    out += `<news:language>${text(newsLanguage(entry.language ?? site.language))}</news:language></news:publication>`;
    out += `<news:publication_date>${formatRfc3339(entry.published)}</news:publication_date><news:title>${text(entry.title)}</news:title></news:news></url>\n`;
  }
  return `${out}</urlset>\n`;
}

/** Google wants ISO 639 codes, except `zh-cn` and `zh-tw` for Chinese; undetermined is `und`. */
export function newsLanguage(tag: string | undefined): string {
  if (!tag) return 'und';
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return /-(?:tw|hk|mo|hant)\b/.test(lower) ? 'zh-tw' : 'zh-cn';
  return lower.split(/[-_]/)[0]!;
}
