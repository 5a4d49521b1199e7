/**
 * The parts of a ninjs 3.x document wirefeed reads. Only shapes the schema already guarantees are
 * typed here; everything is optional because the schema requires nothing but `uri`.
 */
export interface NinjsText {
  role?: string;
  contentType?: string;
  value: string;
}

export interface NinjsRendition {
  name?: string;
  href?: string;
  contentType?: string;
  width?: number;
  height?: number;
  sizeInBytes?: number;
}

export interface NinjsSubject {
  name?: string;
  literal?: string;
  uri?: string;
}

export interface NinjsDocument {
  uri: string;
  type?: string;
  version?: string;
  firstCreated?: string;
  versionCreated?: string;
  embargoedUntil?: string;
  pubStatus?: 'usable' | 'withheld' | 'canceled';
  copyrightHolder?: string;
  copyrightNotice?: string;
  language?: string;
  by?: string;
  name?: string;
  title?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  subjects?: NinjsSubject[];
  renditions?: NinjsRendition[];
  associations?: NinjsDocument[];
}
