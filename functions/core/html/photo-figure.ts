import type { PublishedPhoto, PublishedRendition } from '../media/published-photo.js';
import { escapeXmlAttr, escapeXmlText } from '../xml/escape.js';

/**
 * A photo as body HTML. Many readers (NetNewsWire among them) show only `<img>` in the body and
 * ignore enclosures and Media RSS, so every photo is also here, with the same URL as elsewhere.
 * Body images follow the sanitizer's rule: https, or the site's own origin. A plain-http photo
 * from elsewhere would be mixed content on every https reader; it stays in the enclosure and
 * Media RSS, and the body shows its https thumbnail or nothing.
 */
export function photoFigure(photo: PublishedPhoto, baseUrl: string): string {
  return photoFigureParts(photo, baseUrl).join('');
}

/** Between a figure's caption and its credit. */
const CREDIT_SEPARATOR = ' — ';

/**
 * {@link photoFigure} in parts, the dash before the credit a part of its own (none for a photo
 * the body cannot show). The dash is the one character beyond Latin-1 a figure adds, and V8
 * stores a string holding one such character two bytes per character: kept apart, the rest stays
 * one-byte, and so does what escaping or serialising each part makes.
 */
export function photoFigureParts(photo: PublishedPhoto, baseUrl: string): string[] {
  const image = [photo.main, photo.thumbnail].find((rendition) => rendition !== undefined && isBodyImage(rendition, baseUrl));
  if (!image) return [];
  const size = `${image.width !== undefined ? ` width="${image.width}"` : ''}${image.height !== undefined ? ` height="${image.height}"` : ''}`;
  // The caption is escaped once for the figcaption and the alt text: escaping is character by
  // character, so the parts can be escaped apart, and only tabs and newlines need more in an attribute.
  const escapedCaption = photo.caption === undefined ? undefined : escapeXmlText(photo.caption);
  const alt = photo.caption === undefined ? '' : hasAttributeWhitespace(photo.caption) ? escapeXmlAttr(photo.caption) : escapedCaption;
  const img = `<figure><img src="${escapeXmlAttr(image.url)}" alt="${alt}"${size} />`;
  const captionTexts = [escapedCaption, photo.credit === undefined ? undefined : escapeXmlText(photo.credit)].filter((part) => part !== undefined);
  if (captionTexts.length === 0 || (captionTexts.length === 1 && captionTexts[0] === '')) return [`${img}</figure>`];
  const parts = [`${img}<figcaption>${captionTexts[0]}`];
  for (const text of captionTexts.slice(1)) parts.push(CREDIT_SEPARATOR, text);
  parts[parts.length - 1] += '</figcaption></figure>';
  return parts;
}

function hasAttributeWhitespace(text: string): boolean {
  return text.includes('\t') || text.includes('\n');
}

function isBodyImage(rendition: PublishedRendition, baseUrl: string): boolean {
  // Published URLs are already parsed and serialised, so the common https case needs no second parse.
  if (rendition.url.startsWith('https://')) return true;
  const url = new URL(rendition.url);
  return url.protocol === 'https:' || url.origin === new URL(baseUrl).origin;
}
