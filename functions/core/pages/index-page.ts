import type { Feed } from '../feed.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';
import { escapeUserText as userText, isolatedText } from './isolated-text.js';
import { renderPage } from './page-layout.js';
import { OPML_PATH } from './opml.js';
import { feedAlternates, feedLinks } from './feed-links.js';

/** A feed set linked from the index page. */
export interface FeedLink {
  title: string;
  feed: Feed;
}

/**
 * The front page of a feed set: its latest stories and links to its feeds, with
 * `<link rel="alternate">` autodiscovery so a reader given the page URL finds the feeds. The site's
 * front page (`root` '') also lists every section, linking its page and its feeds; a section's page
 * (`sections/<slug>/`, `root` '../../') links back to the site. Every feed's `link` points at one of these pages. User text
 * (titles, descriptions, section names) is isolated as on story pages (`dir="auto"`, `<bdi>`).
 */
export function renderIndexPage(main: Feed, sections: FeedLink[], root = ''): string {
  const alternates = feedAlternates(main.title, main.urls);
  const stories = main.items.map((item) => {
    const image = item.image ? `<img src="${attr(item.image.url)}" alt="${attr(item.image.alt)}">` : '';
    return `<li><a href="${attr(item.link)}" dir="auto">${userText(item.title)}</a>${image}<div class="meta">${item.published.slice(0, 10)}</div></li>`;
  });
  const sectionLinks = sections.map(({ title, feed }) => `<li><a href="${attr(feed.urls.home)}" dir="auto">${userText(title)}</a>: ${feedLinks(feed.urls)}</li>`);
  const back = root ? `<p><a href="${attr(root)}" dir="auto">${userText(main.site.title)}</a></p>\n` : '';
  const body = `${back}<h1 dir="auto">${userText(main.title)}</h1>\n<p dir="auto">${userText(main.description)}</p>\n<p class="feeds">${feedLinks(main.urls)} <a href="${attr(root)}${OPML_PATH}">OPML (all feeds)</a></p>\n` +
    `<h2>Latest stories</h2>\n<ul class="stories">\n${stories.join('\n')}\n</ul>\n` +
    (sectionLinks.length ? `<h2>Sections</h2>\n<ul>\n${sectionLinks.join('\n')}\n</ul>\n` : '');
  return renderPage({ title: isolatedText(main.title), ...(main.site.language && { language: main.site.language }), head: alternates, body, root });
}
