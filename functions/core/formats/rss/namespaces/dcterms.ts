import type { XmlNamespace } from '../../xml-namespace.js';
import { formatRfc3339 } from '../../../dates.js';

/** DCMI terms: the modified date (how MSN detects corrections) and the validity period of a kill. */
export const DCTERMS: XmlNamespace = { prefix: 'dcterms', uri: 'http://purl.org/dc/terms/' };

/** The item's last modification. */
export function dctermsModified(updated: Date): string {
  return `<dcterms:modified>${formatRfc3339(updated)}</dcterms:modified>\n`;
}

/** An expiry, in DCMI Period syntax: one in the past makes the item a kill notice (MSN). */
export function dctermsValid(end: Date): string {
  return `<dcterms:valid>end=${formatRfc3339(end)};</dcterms:valid>\n`;
}
