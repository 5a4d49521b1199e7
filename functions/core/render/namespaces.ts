/** XML namespaces our feeds use; declared once, on the root element. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  // Media RSS 1.5.1: the trailing slash is part of the name; without it readers ignore the elements.
  media: 'http://search.yahoo.com/mrss/',
} as const;

/** Generator name and home shown in feeds. */
export const GENERATOR = { name: 'wirefeed', uri: 'https://github.com/wirefeed/wirefeed' } as const;
