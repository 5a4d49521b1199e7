import type { Feed } from '../feed.js';
import { feedSetMeta } from '../feed-set-meta.js';
import { formatRfc822 } from '../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';

/** Site path of the OPML list of feeds. */
export const OPML_PATH = 'feeds.opml';

/**
 * OPML 2.0 listing every RSS feed of the site (main and sections), so a reader can subscribe to
 * all of them in one import. `dateModified` is the newest feed's date, never the build time.
 */
export function renderOpml(main: Feed, sections: Array<{ title: string; feed: Feed }>): string {
  const outline = (title: string, feed: Feed) =>
    `<outline type="rss" text="${attr(title)}" title="${attr(title)}" xmlUrl="${attr(feed.urls.rss)}" htmlUrl="${attr(feed.urls.home)}"/>`;
  const lines = [outline(main.title, main), ...sections.map(({ title, feed }) => outline(feedSetMeta(main.site, title).title, feed))];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n<head>\n<title>${text(main.title)}</title>\n` +
    `<dateModified>${formatRfc822(main.updated)}</dateModified>\n</head>\n<body>\n${lines.join('\n')}\n</body>\n</opml>\n`;
}
