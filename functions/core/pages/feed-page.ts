import { FEED_PAGE_FILE, type Feed, type FeedUrls } from '../feed.js';
import { FORMATS } from '../formats/registry.js';
import { feedAlternates } from './feed-links.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';
import { formatHumanDate } from '../dates.js';
import { escapeUserText as userText, isolatedText } from './isolated-text.js';
import { renderPage } from './page-layout.js';

/** The URL of the HTML view of the feed set whose feeds are at `urls`: beside any of its feed files. */
function feedPageUrl(urls: FeedUrls): string {
  const file = urls[FORMATS[0].id];
  return file.slice(0, file.lastIndexOf('/') + 1) + FEED_PAGE_FILE;
}

/**
 * The HTML view of one feed set (`<folder>/feed.html`): what a browser opening `rss.xml`,
 * `atom.xml` or `feed.json` is served, in place of XML it would show raw or through deprecated
 * XSLT. One page for every format, since they carry the same items: each with its lead photo's
 * thumbnail, its first publication date, a link to its story page; the three subscription
 * addresses, and the archive pages before and after. Same layout, stylesheet and CSP as the other
 * pages (no script, nothing inline); user text isolated (`dir="auto"`, `<bdi>`) as they do.
 * `root` is the path back to the site root (`../` per folder level).
 */
export function renderFeedPage(feed: Feed, root: string): string {
  const alternates = feedAlternates(feed.title, feed.urls);
  const subscribe = FORMATS.map((format) => {
    const url = feed.urls[format.id];
    return `<li>${format.label}: <a href="${attr(url)}"><code>${text(url)}</code></a></li>`;
  }).join('\n');
  const items = feed.items.map((item) => {
    const image = item.image ? `<img src="${attr(item.image.url)}" alt="${attr(item.image.alt)}">` : '';
    return `<li><a href="${attr(item.link)}" dir="auto">${userText(item.title)}</a>${image}` +
      `<div class="meta"><time datetime="${attr(item.published)}">${formatHumanDate(new Date(item.published))}</time></div></li>`;
  });
  const paging = [
    feed.paging?.nextArchive && `<a href="${attr(feedPageUrl(feed.paging.nextArchive))}">Newer stories</a>`,
    feed.paging?.current && `<a href="${attr(feedPageUrl(feed.paging.current))}">Latest stories</a>`,
    feed.paging?.prevArchive && `<a href="${attr(feedPageUrl(feed.paging.prevArchive))}">Older stories</a>`,
  ].filter(Boolean);
  const body = `<p><a href="${attr(root || './')}" dir="auto">${userText(feed.site.title)}</a></p>\n` +
    `<h1 dir="auto">${userText(feed.title)}</h1>\n<p dir="auto">${userText(feed.description)}</p>\n` +
    `<p class="meta">This page shows a web feed. To follow it, copy one of these addresses into a feed reader:</p>\n<ul class="subscribe">\n${subscribe}\n</ul>\n` +
    `<ul class="stories">\n${items.join('\n')}\n</ul>\n` +
    (paging.length ? `<p class="feeds">${paging.join(' ')}</p>\n` : '');
  return renderPage({ title: `${isolatedText(feed.title)} (feed)`, ...(feed.site.language && { language: feed.site.language }), head: alternates, body, root });
}
