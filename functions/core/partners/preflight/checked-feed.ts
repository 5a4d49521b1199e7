/**
 * What the preflight rules read: a feed reduced to the facts partners rule on. The build fills it
 * from the items it renders (`../partner-item.ts`); `wirefeed check` fills it from a built file
 * parsed by feedsmith and saxes (`read-feed.ts`). Rules never see XML, so both paths share them.
 */

/** An image an item points at: its enclosure or a Media RSS `media:content`. */
export interface CheckedImage {
  url: string;
  type?: string;
  width?: number;
  height?: number;
  credit?: string;
  description?: string;
}

/** One RSS item (or Atom entry) as the rules see it. */
export interface CheckedItem {
  /** guid / Atom id. */
  id?: string;
  title?: string;
  link?: string;
  /** The date text as written (pubDate / published), for format rules. */
  publishedText?: string;
  published?: Date;
  /** `dcterms:modified` / `atom:updated`. */
  modified?: Date;
  /** End of `dcterms:valid` (`end=…;`): an MSN kill when in the past. */
  validEnd?: Date;
  description?: string;
  /** `content:encoded` / Atom `content`. */
  content?: string;
  creators: string[];
  enclosures: CheckedImage[];
  media: CheckedImage[];
  /** Item-level `media:thumbnail` URLs. */
  thumbnails: string[];
  /** UTF-8 bytes of the item's markup. */
  bytes: number;
}

/** The channel and its items. */
export interface CheckedFeed {
  /** Namespace URIs declared on the root element. */
  namespaces: string[];
  /** Encoding named in the XML declaration (UTF-8 when absent, XML 1.0 §4.3.3). */
  encoding: string;
  title?: string;
  link?: string;
  description?: string;
  language?: string;
  /** SmartNews `snf:logo` > `url`. */
  logo?: string;
  items: CheckedItem[];
  /** UTF-8 bytes of the whole file. */
  bytes: number;
}
