import type { FeedItem } from '../../feed-item.js';
import type { PublishedPhoto } from '../../media/published-photo.js';
import { formatRfc822 } from '../../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../../xml/escape.js';
import { fillFrame, type ContentFrame } from '../content-frame.js';
import { CONTENT_ENCODED } from './namespaces/content.js';
import { dcCreator, dcRights } from './namespaces/dc.js';
import { dctermsModified, dctermsValid } from './namespaces/dcterms.js';
import { renderMediaContents } from './namespaces/media-rss.js';

/**
 * How a partner's copy of an item differs from the main feed's (`partners/partner-item.ts`).
 * Identity and dates never vary: a partner sees the same story, not a copy.
 */
export interface RssItemVariant {
  /** Photos with the partner's rendition choice; defaults to the item's. */
  photos?: readonly PublishedPhoto[];
  /** False for summary-only partners: no `content:encoded`. */
  fullText?: boolean;
  /** Names for `dc:creator`; defaults to the story's authors. */
  creators?: readonly string[];
  /** Makes the item a kill notice (MSN): an expiry in the past, in DCMI Period syntax. */
  validUntil?: Date;
  /** Profile-specific elements, already escaped, appended before `</item>`. */
  extra?: string;
}

/** One `<item>`: depends only on the item, so it can be rendered once and reused in every feed. */
export function renderRssItem(item: FeedItem, variant: RssItemVariant = {}): string {
  const frame = renderRssItemFrame(item, variant);
  return variant.fullText === false ? frame.before + frame.after : fillFrame(frame, text(item.contentHtml));
}

/** {@link renderRssItem} around its escaped content; a summary-only variant has none, and the frame no gap. */
export function renderRssItemFrame(item: FeedItem, variant: RssItemVariant = {}): ContentFrame {
  const { story } = item;
  const photos = variant.photos ?? item.photos;
  let out = `<item>\n<title>${text(story.title)}</title>\n<link>${text(item.link)}</link>\n`;
  out += `<guid isPermaLink="false">${text(story.id)}</guid>\n`;
  out += `<pubDate>${formatRfc822(story.published)}</pubDate>\n`;
  // MSN detects corrections by a newer modified date with the same id.
  out += dctermsModified(story.updated);
  if (variant.validUntil) out += dctermsValid(variant.validUntil);
  // Readers render an item description as HTML, so plain text is HTML-escaped before the XML escape:
  // a summary that mentions `<b>` shows those characters instead of turning bold (or worse).
  out += `<description>${text(text(item.summaryText))}</description>\n`;
  const fullText = variant.fullText !== false;
  const before = fullText ? out + CONTENT_ENCODED.open : out;
  let after = fullText ? CONTENT_ENCODED.close : '';
  for (const creator of variant.creators ?? story.authors) after += dcCreator(creator);
  for (const category of story.categories) {
    after += category.scheme ? `<category domain="${attr(category.scheme)}">${text(category.name)}</category>\n` : `<category>${text(category.name)}</category>\n`;
  }
  if (story.copyright ?? story.credit) after += dcRights((story.copyright ?? story.credit)!);
  const lead = photos[0];
  // RSS allows one enclosure; `length` is required, 0 when an external photo declares no size.
  if (lead) after += `<enclosure url="${attr(lead.main.url)}" length="${lead.main.bytes ?? 0}" type="${attr(lead.main.mimeType)}"/>\n`;
  after += renderMediaContents(photos);
  after += variant.extra ?? '';
  return { before, after: `${after}\n</item>\n` };
}
