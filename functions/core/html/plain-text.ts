import { escapeXmlText } from '../xml/escape.js';

/** Turns a text/plain body into paragraphs: one `<p>` per non-empty line, text escaped. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => `<p>${escapeXmlText(line)}</p>`)
    .join('\n');
}
