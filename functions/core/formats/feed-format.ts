import type { FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import type { ContentFrame } from './content-frame.js';
import type { MeasuredText } from './measured-text.js';

/**
 * One output format of a feed set (RSS, Atom, JSON Feed): where its file is, what it is served as,
 * and how it renders a feed and an item. Everything that writes, links or serves the feeds of a
 * feed set loops over the registry (`registry.ts`), so a format is added in one folder.
 */
export interface FeedFormat<Id extends string = string> {
  /** Key of the format's fragment in a rendered item and of its URL in a feed set's URLs. */
  id: Id;
  /** What pages call it in links and autodiscovery titles. */
  label: string;
  /** File name in the feed set's folder. */
  fileName: string;
  /** Media type of the file: served with `; charset=utf-8`, and the `type` of links to it. */
  mediaType: string;
  /** The whole document, from the feed set's facts in this format. */
  renderFeed(feed: FeedDocument): string;
  /** One item around the slot for its encoded content, which depends only on the item. */
  renderItemFrame(item: FeedItem): ContentFrame;
  /**
   * The item's content as the frame's slot holds it, from its content parts (`feed-item.ts`).
   * Formats that share one encoding share the function, and an item encodes its content once for them.
   */
  encodeContent(parts: readonly string[]): MeasuredText;
}

/** A feed set as one format renders it: its own URLs, its own item fragments, newest first. */
export interface FeedDocument {
  site: SiteConfig;
  title: string;
  description: string;
  /** The feed set's web page. */
  homeUrl: string;
  /** This document's URL (`rel="self"`, Atom `id`, JSON Feed `feed_url`). */
  selfUrl: string;
  /** Newest `updated` among the items: the document's date, never the build time. */
  updated: Date;
  /** Each item's fragment in this format. */
  items: readonly string[];
  /** RFC 5005 paging, with this format's URLs. */
  paging?: DocumentPaging;
}

/** RFC 5005 links of one document, in the document's format (see `feed.ts` `FeedPaging`). */
export interface DocumentPaging {
  /** True for an archive document (`fh:archive`): its contents no longer change. */
  archive: boolean;
  current?: string;
  prevArchive?: string;
  nextArchive?: string;
}
