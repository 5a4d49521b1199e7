import type { XmlNamespace } from '../../xml-namespace.js';
import { escapeXmlText as text } from '../../../xml/escape.js';

/** Dublin Core elements: names in `dc:creator` (RSS `author` wants an e-mail) and the rights line. */
export const DC: XmlNamespace = { prefix: 'dc', uri: 'http://purl.org/dc/elements/1.1/' };

/** One creator's name. */
export function dcCreator(name: string): string {
  return `<dc:creator>${text(name)}</dc:creator>\n`;
}

/** The rights statement. */
export function dcRights(rights: string): string {
  return `<dc:rights>${text(rights)}</dc:rights>\n`;
}
