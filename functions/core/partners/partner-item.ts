import type { FeedItem } from '../feed-item.js';
import type { Story } from '../story.js';
import type { PublishedPhoto } from '../media/published-photo.js';
import type { SiteConfig } from '../site.js';
import { formatRfc822 } from '../dates.js';
import { renderRssItem } from '../formats/rss/rss-item.js';
import { mediaThumbnail } from '../formats/rss/namespaces/media-rss.js';
import { fitItem } from '../rendered-item.js';
import type { CheckedItem } from './preflight/checked-feed.js';
import { chooseRendition } from './choose-rendition.js';
import type { PartnerConfig } from './partner-config.js';
import { profileOf } from './profile-of.js';

/** A story as one partner receives it: the item markup and the facts the preflight checks. */
export interface PartnerItem {
  id: string;
  /** First publication, for ordering (newest first). */
  published: Date;
  updated: Date;
  xml: string;
  checked: CheckedItem;
  source: string;
}

/**
 * Renders a story for one partner. Identity and dates are the main feed's (same guid, pubDate,
 * dcterms:modified): partners must see one story, never a copy. What varies by partner is the image
 * rendition, full text or summary, and the profile's item quirks (a credit for stories without a
 * byline, an item-level `media:thumbnail`). `killedAt` makes the item a kill notice (`dcterms:valid`).
 */
export function renderPartnerItem(published: FeedItem, partner: PartnerConfig, site: SiteConfig, killedAt?: Date): PartnerItem {
  const profile = profileOf(partner);
  const item = killedAt ? withdrawn(published) : fitItem(published);
  const { story } = item;
  const photos: PublishedPhoto[] = item.photos.map((photo) => ({ ...photo, main: chooseRendition(photo, partner.imageMinWidth) }));
  const creators = story.authors.length > 0 ? story.authors : profile.creditWithoutByline ? [profile.creditWithoutByline(story, site)] : [];
  const content = partner.content === 'full' && !killedAt ? item.contentHtml : undefined;
  const lead = photos[0];

  const thumbnail = profile.itemThumbnail ? (lead?.thumbnail ?? lead?.main) : undefined;
  const extra = thumbnail ? mediaThumbnail(thumbnail.url) : '';
  const xml = renderRssItem(item, {
    photos,
    fullText: content !== undefined,
    creators,
    ...(killedAt && { validUntil: killedAt }),
    extra,
  });

  const checked: CheckedItem = {
    id: story.id,
    title: story.title,
    link: item.link,
    publishedText: formatRfc822(story.published),
    published: story.published,
    modified: story.updated,
    ...(killedAt && { validEnd: killedAt }),
    description: item.summaryText,
    ...(content !== undefined && { content }),
    creators,
    enclosures: lead ? [{ url: lead.main.url, type: lead.main.mimeType }] : [],
    media: photos.map((photo) => ({
      url: photo.main.url,
      type: photo.main.mimeType,
      ...(photo.main.width !== undefined && { width: photo.main.width }),
      ...(photo.main.height !== undefined && { height: photo.main.height }),
      ...(photo.credit !== undefined && { credit: photo.credit }),
      ...(photo.caption !== undefined && { description: photo.caption }),
    })),
    thumbnails: thumbnail ? [thumbnail.url] : [],
    bytes: Buffer.byteLength(xml.trimEnd()), // `<item>` to `</item>`, as a reader of the file measures it
  };
  return { id: story.id, published: story.published, updated: story.updated, xml, checked, source: story.source };
}

/**
 * The title of every kill notice: neutral, and within MSN's 21–150 characters, so the notice passes
 * the same title rules as an article.
 */
const WITHDRAWN_TITLE = 'This story has been withdrawn';
/** Its description: MSN's metadata rules want a body (description or content) on every item. */
const WITHDRAWN_NOTICE = 'This story has been withdrawn.';

/**
 * A take-down notice. MSN matches a kill to the item it carried by the same id, and expires it by a
 * past expiration date with a newer updated date; it reads nothing else of it. So the notice keeps
 * only the guid, link and dates, under a neutral title: a story withheld for legal reasons must not
 * be republished by the notice that removes it, and its headline, byline, categories, rights line,
 * text and photos are exactly what is withheld. Built field by field, so a field added to Story later
 * never reaches a notice by default.
 */
function withdrawn(item: FeedItem): FeedItem {
  const { id, version, status, published, updated, source } = item.story;
  const story: Story = { id, version, status, published, updated, source, title: WITHDRAWN_TITLE, bodyHtml: '', authors: [], categories: [], photos: [] };
  return { story, link: item.link, summaryText: WITHDRAWN_NOTICE, contentHtml: '', photos: [] };
}
