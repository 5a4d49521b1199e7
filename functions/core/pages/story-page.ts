import type { FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';
import { escapeUserText as userText, isolatedText } from './isolated-text.js';
import { renderPage } from './page-layout.js';

/**
 * A story's own page: the target of every item's link, with the same body and photos as the feeds.
 * Every piece of user text sits in an element that isolates it (`dir="auto"`, or `<bdi>` inside a
 * line): a bidi override or embedding (U+202A–U+202E) left open in a byline would otherwise run on
 * and reverse the date beside it. Isolation also gives each text the direction of its own script.
 * The body is sanitized HTML in its own block, which no override outlives.
 */
export function renderStoryPage(item: FeedItem, site: SiteConfig): string {
  const { story } = item;
  const byline = story.authors.length ? `By ${story.authors.map((author) => `<bdi>${userText(author)}</bdi>`).join(', ')} · ` : '';
  const credit = story.copyright ?? story.credit;
  const body = `<p><a href="../" dir="auto">${userText(site.title)}</a></p>\n<article>\n<h1 dir="auto">${userText(story.title)}</h1>\n` +
    `<p class="meta">${byline}<time datetime="${attr(story.published.toISOString())}">${story.published.toISOString().slice(0, 16).replace('T', ' ')} UTC</time></p>\n` +
    `<div dir="auto">\n${item.contentHtml}\n</div>\n` +
    (credit ? `<p class="meta" dir="auto">${userText(credit)}</p>\n` : '') +
    '</article>';
  const language = story.language ?? site.language;
  return renderPage({ title: `${isolatedText(story.title)} — ${isolatedText(site.title)}`, ...(language && { language }), body, root: '../' });
}
