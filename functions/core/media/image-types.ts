/** Image types feeds and partners accept, by file extension. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The extension a published file of each image type ends in, so a server that types files by name serves it as that type. */
export const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/**
 * The image MIME type a path's extension names, or undefined. Used only when the source gave no
 * `contentType`: the rendition's declared type always wins (never `image/jpg`, which is not a type).
 */
export function imageTypeOf(path: string): string | undefined {
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(path);
  return match ? IMAGE_TYPES[match[1]!.toLowerCase()] : undefined;
}

/**
 * Unregistered spellings sources use for registered image types. `image/jpg` is the common one:
 * IANA registers only `image/jpeg` (RFC 2046), and partners that check types reject the alias.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
};

/** The IANA-registered name of an image type (`image/jpg` → `image/jpeg`); other types unchanged. */
export function registeredImageType(mimeType: string): string {
  return ALIASES[mimeType] ?? mimeType;
}
