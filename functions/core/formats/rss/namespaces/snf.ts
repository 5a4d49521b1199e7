import type { XmlNamespace } from '../../xml-namespace.js';
import { escapeXmlText as text } from '../../../xml/escape.js';

/** SmartNews's feed namespace. */
export const SNF: XmlNamespace = { prefix: 'snf', uri: 'http://www.smartnews.be/snf' };

/** The channel logo SmartNews shows (`snf:logo` > `url`). */
export function snfLogo(url: string): string {
  return `<snf:logo><url>${text(url)}</url></snf:logo>\n`;
}
