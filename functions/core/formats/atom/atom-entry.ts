import type { FeedItem } from '../../feed-item.js';
import { formatRfc3339 } from '../../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../../xml/escape.js';
import { fillFrame, type ContentFrame } from '../content-frame.js';

/**
 * One `<entry>`: depends only on the item, so it can be rendered once and reused in every feed.
 * Every photo is a `link rel="enclosure"` with its exact type and length (RFC 4287 §4.2.7.2).
 */
export function renderAtomEntry(item: FeedItem): string {
  return fillFrame(renderAtomEntryFrame(item), text(item.contentHtml));
}

/** {@link renderAtomEntry} around its escaped content. */
export function renderAtomEntryFrame(item: FeedItem): ContentFrame {
  const { story } = item;
  const lang = story.language ? ` xml:lang="${attr(story.language)}"` : '';
  let out = `<entry${lang}>\n<id>${text(story.id)}</id>\n<title type="text">${text(story.title)}</title>\n`;
  out += `<updated>${formatRfc3339(story.updated)}</updated>\n<published>${formatRfc3339(story.published)}</published>\n`;
  for (const author of story.authors) out += `<author><name>${text(author)}</name></author>\n`;
  out += `<link rel="alternate" type="text/html" href="${attr(item.link)}"/>\n`;
  for (const photo of item.photos) {
    const length = photo.main.bytes !== undefined ? ` length="${photo.main.bytes}"` : '';
    out += `<link rel="enclosure" type="${attr(photo.main.mimeType)}"${length} title="${attr(photo.label)}" href="${attr(photo.main.url)}"/>\n`;
  }
  for (const category of story.categories) {
    const scheme = category.scheme ? ` scheme="${attr(category.scheme)}"` : '';
    out += `<category term="${attr(category.slug)}" label="${attr(category.name)}"${scheme}/>\n`;
  }
  if (story.copyright ?? story.credit) out += `<rights type="text">${text((story.copyright ?? story.credit)!)}</rights>\n`;
  out += `<summary type="text">${text(item.summaryText)}</summary>\n`;
  return { before: `${out}<content type="html">`, after: '</content>\n</entry>\n' };
}
