/** A photo rendition as the public will fetch it. */
export interface PublishedRendition {
  /** Absolute, percent-encoded URL. */
  url: string;
  mimeType: string;
  width?: number;
  height?: number;
  /** Size in bytes when known: from the file for our own media, as declared for external URLs. */
  bytes?: number;
}

/** A photo ready for every format: same URLs in body, Media RSS, enclosures and attachments. */
export interface PublishedPhoto {
  id: string;
  caption?: string;
  credit?: string;
  /**
   * A title unique within the story. JSON Feed 1.1 reads attachments with equal titles as
   * alternates of one resource, and wire photos often share one caption, so duplicates are numbered.
   */
  label: string;
  main: PublishedRendition;
  /** A smaller rendition, when the source has one. */
  thumbnail?: PublishedRendition;
}

/** A media file to copy from the content store to the site, under its content-versioned path. */
export interface MediaCopy {
  /** Path relative to the content root, e.g. `media/vienna/photo1.jpg`. */
  source: string;
  /** Path relative to the site root, e.g. `media/3f2a…/photo1.jpg`. */
  target: string;
  mimeType: string;
}
