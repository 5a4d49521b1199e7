import { feedUrls } from '../feed.js';
import type { FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';
import { feedAlternates, feedLinks } from './feed-links.js';
import { escapeUserText as userText, isolatedText } from './isolated-text.js';
import { OPML_PATH } from './opml.js';
import { renderPage } from './page-layout.js';

/**
 * A story's own page: the target of every item's link, with the same body and photos as the feeds.
 * Every piece of user text sits in an element that isolates it (`dir="auto"`, or `<bdi>` inside a
 * line): a bidi override or embedding (U+202A–U+202E) left open in a byline would otherwise run on
 * and reverse the date beside it. Isolation also gives each text the direction of its own script.
 * The body is sanitized HTML in its own block, which no override outlives.
 *
 * Below the story, the page links each of its sections' pages and feeds, and the site's feeds, so a
 * reader arriving from a search or a share finds the rest of the site and how to follow it.
 */
export function renderStoryPage(item: FeedItem, site: SiteConfig): string {
  const { story } = item;
  const byline = story.authors.length ? `By ${story.authors.map((author) => `<bdi>${userText(author)}</bdi>`).join(', ')} · ` : '';
  const credit = story.copyright ?? story.credit;
  const siteFeeds = feedUrls(site.baseUrl, '');
  const body = `<p><a href="../" dir="auto">${userText(site.title)}</a></p>\n<article>\n<h1 dir="auto">${userText(story.title)}</h1>\n` +
    `<p class="meta">${byline}<time datetime="${attr(story.published.toISOString())}">${story.published.toISOString().slice(0, 16).replace('T', ' ')} UTC</time></p>\n` +
    `<div dir="auto">\n${item.contentHtml}\n</div>\n` +
    (credit ? `<p class="meta" dir="auto">${userText(credit)}</p>\n` : '') +
    '</article>\n' +
    sectionList(item, site) +
    `<p class="feeds">${feedLinks(siteFeeds)} <a href="../${OPML_PATH}">OPML (all feeds)</a></p>`;
  const language = story.language ?? site.language;
  return renderPage({ title: `${isolatedText(story.title)} — ${isolatedText(site.title)}`, ...(language && { language }), head: feedAlternates(site.title, siteFeeds), body, root: '../' });
}

/** The story's sections, each once (two subjects may share a slug), linking its page and feeds. */
function sectionList(item: FeedItem, site: SiteConfig): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { slug, name } of item.story.categories) {
    if (seen.has(slug)) continue;
    seen.add(slug);
    const urls = feedUrls(site.baseUrl, `sections/${slug}`);
    lines.push(`<li><a href="${attr(urls.home)}" dir="auto">${userText(name)}</a>: ${feedLinks(urls)}</li>`);
  }
  return lines.length ? `<h2>Sections</h2>\n<ul>\n${lines.join('\n')}\n</ul>\n` : '';
}
