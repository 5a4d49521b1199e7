import { IMAGE_TYPES } from './media/image-types.js';
import { formatOfFile } from './formats/registry.js';

/** Content-Type of every file wirefeed publishes, by extension; feeds say their charset. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xsl: 'text/xsl; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  css: 'text/css; charset=utf-8',
  ...IMAGE_TYPES,
};

/** The Content-Type to serve a site path with. Feed file names (`formats/registry.ts`) are recognised before extensions. */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const format = formatOfFile(name);
  if (format) return `${format.mediaType}; charset=utf-8`;
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
