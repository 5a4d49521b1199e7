import { escapeXmlText } from '../xml/escape.js';
import { concatMeasured, type MeasuredText } from './measured-text.js';

/**
 * Content parts escaped as XML text and joined, measured part by part (see `measured-text.ts`):
 * the slot of an RSS `content:encoded` and an Atom `content type="html"`, the same text in both.
 */
export function xmlTextOfParts(parts: readonly string[]): MeasuredText {
  return concatMeasured(parts.map(escapeXmlText));
}
