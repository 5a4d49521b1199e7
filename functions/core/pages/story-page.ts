import type { FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';
import { renderPage } from './page-layout.js';

/** A story's own page: the target of every item's link, with the same body and photos as the feeds. */
export function renderStoryPage(item: FeedItem, site: SiteConfig): string {
  const { story } = item;
  const byline = story.authors.length ? `By ${story.authors.join(', ')} · ` : '';
  const body = `<p><a href="../">${text(site.title)}</a></p>\n<article>\n<h1>${text(story.title)}</h1>\n` +
    `<p class="meta">${text(byline)}<time datetime="${attr(story.published.toISOString())}">${story.published.toISOString().slice(0, 16).replace('T', ' ')} UTC</time></p>\n` +
    `${item.contentHtml}\n` +
    (story.copyright ?? story.credit ? `<p class="meta">${text((story.copyright ?? story.credit)!)}</p>\n` : '') +
    '</article>';
  const language = story.language ?? site.language;
  return renderPage({ title: `${story.title} — ${site.title}`, ...(language && { language }), body, root: '../' });
}
