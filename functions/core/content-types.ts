import { IMAGE_TYPES } from './media/image-types.js';

/** Content-Type of every file wirefeed publishes, by extension; feeds say their charset. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  xml: 'application/xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  feedjson: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xsl: 'text/xsl; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  css: 'text/css; charset=utf-8',
  ...IMAGE_TYPES,
};

/** The Content-Type to serve a site path with. Feed names are recognised before extensions. */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'rss.xml') return CONTENT_TYPES.rss!;
  if (name === 'atom.xml') return CONTENT_TYPES.atom!;
  if (name === 'feed.json') return CONTENT_TYPES.feedjson!;
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
