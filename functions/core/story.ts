/**
 * The one model every renderer reads. ninjs is mapped into it once (see `ninjs/map-story.ts`);
 * renderers never look at ninjs again, so a decision made here holds for RSS, Atom and JSON Feed alike.
 */

/** Publication status as ninjs defines it; only `usable` stories are published. */
export type PubStatus = 'usable' | 'withheld' | 'canceled';

/** A subject the story is about; it becomes an RSS category, an Atom category and a JSON Feed tag. */
export interface Category {
  /** Human label shown to readers. */
  name: string;
  /** Controlled-vocabulary URI when the source gave one (Atom `scheme`/RSS `domain` come from it). */
  scheme?: string;
  /** Stable, URL-safe slug used for section paths. */
  slug: string;
}

/** One stored file of a photo at one size, as the source declared it. */
export interface Rendition {
  /** Source reference: an absolute URL (kept, never fetched) or a path relative to the content root. */
  href: string;
  /** JSON pointer of this rendition in the source file, so media problems can name it. */
  pointer: string;
  mimeType: string;
  width?: number;
  height?: number;
  /** Size the source declared; the published size comes from the file when we have it. */
  bytes?: number;
}

/** A picture association: one photo with all its renditions, largest first. */
export interface Photo {
  /** The association's uri or name; stable across versions. */
  id: string;
  caption?: string;
  credit?: string;
  /** Largest rendition first; the first one is the photo's main image. */
  renditions: Rendition[];
}

/** A news story, validated and normalised from one ninjs document. */
export interface Story {
  /** The ninjs `uri`: the item's permanent identity (guid, Atom id, JSON Feed id). */
  id: string;
  /** The ninjs `version`, or the versionCreated timestamp when the source has none. */
  version: string;
  title: string;
  summary?: string;
  /** Sanitised body HTML; may still hold relative URLs, made absolute when the item is rendered. */
  bodyHtml: string;
  authors: string[];
  /** Credit line for the whole story, e.g. the agency. */
  credit?: string;
  copyright?: string;
  language?: string;
  /** First publication (ninjs firstCreated); falls back to `updated`. */
  published: Date;
  /** This version's time (ninjs versionCreated). */
  updated: Date;
  categories: Category[];
  status: PubStatus;
  embargoedUntil?: Date;
  photos: Photo[];
  /** Where the story came from, for error messages and logs. */
  source: string;
}
