import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedFile } from './build-sites.js';
import { walkXml, XML_NS } from './xml-walk.js';

/**
 * The web page a feed says it belongs to (RSS channel `<link>`, Atom `link rel="alternate"`, JSON
 * Feed `home_page_url`): readers show it as the site link, so it must be a page the build wrote
 * (`…/` is served as `…/index.html`).
 */
export function checkHomeLink(feed: FeedFile): string[] {
  const text = readFileSync(feed.path, 'utf8');
  let home: string | undefined;
  if (feed.format === 'json') home = (JSON.parse(text) as { home_page_url?: string }).home_page_url;
  else {
    const elements = walkXml(text);
    home = feed.format === 'rss'
      ? elements.find((e) => e.uri === '' && e.local === 'link' && e.path.length === 2)?.text.trim()
      : elements.find((e) => e.uri === XML_NS.atom && e.local === 'link' && e.path.length === 1 && e.attributes.rel === 'alternate')?.attributes.href;
  }
  const base = `${feed.site.site.baseUrl}/`;
  if (!home?.startsWith(base)) return [`home: ${home ?? 'none'} is not on the site`];
  const relative = home.slice(base.length);
  const file = join(feed.site.outDir, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative);
  return existsSync(file) ? [] : [`home: ${home} is not a page the build wrote`];
}
