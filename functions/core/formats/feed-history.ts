import type { XmlNamespace } from './xml-namespace.js';
import type { DocumentPaging } from './feed-format.js';

/** RFC 5005 history namespace, declared by an archive document for its `fh:archive`. */
export const FEED_HISTORY: XmlNamespace = { prefix: 'fh', uri: 'http://purl.org/syndication/history/1.0' };

/** The paging links of a document, in document order (RFC 5005 §4: current, prev-archive, next-archive). */
export function historyLinks(paging: DocumentPaging | undefined): Array<{ rel: string; href: string }> {
  if (!paging) return [];
  const links: Array<{ rel: string; href: string }> = [];
  if (paging.current) links.push({ rel: 'current', href: paging.current });
  if (paging.prevArchive) links.push({ rel: 'prev-archive', href: paging.prevArchive });
  if (paging.nextArchive) links.push({ rel: 'next-archive', href: paging.nextArchive });
  return links;
}
