import { buildFeedItem, type FeedItem } from '../../feed-item.js';
import type { SiteConfig } from '../../site.js';
import type { Story } from '../../story.js';
import type { PartnerConfig } from '../../partners/partner-config.js';
import { renderPartnerItem, type PartnerItem } from '../../partners/partner-item.js';
import type { CheckedItem } from '../../partners/preflight/checked-feed.js';

/*
 * A partner feed's item as its planner's state keeps it: JSON-safe, with the story file it came
 * from, made from a rendered item (`entryOf`) and read back into one (`revive`).
 */

/** A partner item as stored in state: JSON-safe (dates as ISO strings), with the source it came from. */
export interface PartnerEntry {
  source: string;
  id: string;
  published: string;
  updated: string;
  xml: string;
  checked: Omit<CheckedItem, 'published' | 'modified' | 'validEnd'> & { published?: string; modified?: string; validEnd?: string };
  /** The story file, for preflight reports. */
  file: string;
}

/** Renders a story for a partner and keeps what the shortlist needs; `killedAt` makes it a kill notice. */
export function partnerEntry(item: FeedItem, partner: PartnerConfig, site: SiteConfig, source: string, killedAt?: Date): PartnerEntry {
  return entryOf(renderPartnerItem(item, partner, site, killedAt), source);
}

/** A rendered partner item as the shortlist keeps it. */
export function entryOf(rendered: PartnerItem, source: string): PartnerEntry {
  const { published, modified, validEnd, ...rest } = rendered.checked;
  return {
    source,
    id: rendered.id,
    published: rendered.published.toISOString(),
    updated: rendered.updated.toISOString(),
    xml: rendered.xml,
    checked: { ...rest, ...(published && { published: published.toISOString() }), ...(modified && { modified: modified.toISOString() }), ...(validEnd && { validEnd: validEnd.toISOString() }) },
    file: rendered.source,
  };
}

/** The kill notice of a taken-down story, as the shortlist keeps it: no photos (a killed story's are removed), dated by the take-down. */
export function killEntry(story: Story, partner: PartnerConfig, site: SiteConfig, source: string): PartnerEntry {
  return partnerEntry(buildFeedItem(story, { photos: [], copies: [] }, site.baseUrl), partner, site, source, story.updated);
}

/**
 * How to read a shortlist's texts: as they are, or, for a shortlist read back framed, through the
 * fragments its tokens name (`FragmentBytes`).
 */
export interface ShortlistTexts {
  /** UTF-8 length of a text, without expanding its tokens. */
  byteLength(text: string): number;
  /** The text itself, tokens replaced by what they name. */
  textOf(text: string): string;
}

/** Texts read as they are. */
export const PLAIN_TEXTS: ShortlistTexts = { byteLength: (text) => Buffer.byteLength(text), textOf: (text) => text };

/** A stored entry back as the item preflight reads (the inverse of `entryOf`), its texts read through `texts`. */
export function revive(entry: PartnerEntry, texts: ShortlistTexts): PartnerItem {
  const { published, modified, validEnd, ...rest } = entry.checked;
  const checked: CheckedItem = {
    ...rest,
    ...(rest.content !== undefined && { content: texts.textOf(rest.content) }),
    ...(published !== undefined && { published: new Date(published) }),
    ...(modified !== undefined && { modified: new Date(modified) }),
    ...(validEnd !== undefined && { validEnd: new Date(validEnd) }),
  };
  return { id: entry.id, published: new Date(entry.published), updated: new Date(entry.updated), xml: entry.xml, checked, source: entry.file };
}
