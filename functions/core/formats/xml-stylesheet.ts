import type { SiteConfig } from '../site.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';

/** Site path of the feed stylesheet (`pages/feed-xsl.ts`); every RSS and Atom document points at it. */
export const FEED_XSL_PATH = 'feed.xsl';

/** The processing instruction RSS and Atom documents carry to open nicely in a browser. */
export function xslInstruction(site: SiteConfig): string {
  return `<?xml-stylesheet type="text/xsl" href="${attr(`${site.baseUrl}/${FEED_XSL_PATH}`)}"?>\n`;
}
