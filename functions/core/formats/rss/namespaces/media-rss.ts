import type { PublishedPhoto, PublishedRendition } from '../../../media/published-photo.js';
import type { XmlNamespace } from '../../xml-namespace.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../../../xml/escape.js';

// Media RSS 1.5.1: the trailing slash is part of the name; without it readers ignore the elements.
/** Media RSS: every photo of an item, with caption, credit and thumbnail. */
export const MEDIA: XmlNamespace = { prefix: 'media', uri: 'http://search.yahoo.com/mrss/' };

/**
 * Media RSS 1.5.1 for an item: one `media:content` per photo (distinct photos are not a
 * `media:group`, which is for renditions of one object), each with its caption, credit and thumbnail.
 * `medium="image"` is explicit: several partners do not infer it from the type.
 */
export function renderMediaContents(photos: readonly PublishedPhoto[]): string {
  let out = '';
  for (const photo of photos) {
    out += `<media:content url="${attr(photo.main.url)}" type="${attr(photo.main.mimeType)}" medium="image"${sizeAttributes(photo.main)}>`;
    const title = text(photo.label);
    out += `<media:title type="plain">${title}</media:title>`;
    // The label is the caption itself unless captions repeat: escape that text once, not twice.
    if (photo.caption !== undefined) out += `<media:description type="plain">${photo.caption === photo.label ? title : text(photo.caption)}</media:description>`;
    if (photo.credit !== undefined) out += `<media:credit role="photographer" scheme="urn:ebu">${text(photo.credit)}</media:credit>`;
    if (photo.thumbnail) out += `<media:thumbnail url="${attr(photo.thumbnail.url)}"${dimensions(photo.thumbnail)}/>`;
    out += '</media:content>';
  }
  return out;
}

/** An item-level thumbnail (SmartNews shows it beside the headline). */
export function mediaThumbnail(url: string): string {
  return `<media:thumbnail url="${attr(url)}"/>`;
}

function sizeAttributes(rendition: PublishedRendition): string {
  return dimensions(rendition) + (rendition.bytes !== undefined ? ` fileSize="${rendition.bytes}"` : '');
}

function dimensions(rendition: PublishedRendition): string {
  return (rendition.width !== undefined ? ` width="${rendition.width}"` : '') + (rendition.height !== undefined ? ` height="${rendition.height}"` : '');
}
