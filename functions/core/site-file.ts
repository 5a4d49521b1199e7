/** A text file of the built site, by path relative to the site root. */
export interface SiteFile {
  path: string;
  body: string;
}

/** Receives each file as soon as it is final, so large builds can stream them to storage. */
export type EmitFile = (file: SiteFile) => void;
