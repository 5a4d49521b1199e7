import type { XmlNamespace } from '../../xml-namespace.js';

/** RSS content module: the item's full HTML in `content:encoded`, after its `description`. */
export const CONTENT: XmlNamespace = { prefix: 'content', uri: 'http://purl.org/rss/1.0/modules/content/' };

/** The tags around an item's escaped HTML. */
export const CONTENT_ENCODED = { open: '<content:encoded>', close: '</content:encoded>\n' } as const;
