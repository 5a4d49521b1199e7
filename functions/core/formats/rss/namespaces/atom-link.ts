import { ATOM_NAMESPACE_URI } from '../../atom/atom-namespace.js';
import type { XmlNamespace } from '../../xml-namespace.js';
import { escapeXmlAttr as attr } from '../../../xml/escape.js';

/** Atom in RSS: `atom:link` for the self link, WebSub hubs and RFC 5005 paging (RSS Best Practices Profile). */
export const ATOM_LINK: XmlNamespace = { prefix: 'atom', uri: ATOM_NAMESPACE_URI };

/** One `atom:link` line; `type` only when given. */
export function atomLink(rel: string, href: string, type?: string): string {
  return `<atom:link rel="${rel}"${type ? ` type="${type}"` : ''} href="${attr(href)}"/>\n`;
}
