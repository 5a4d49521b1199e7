import type { PublishedPhoto } from '../media/published-photo.js';
import { escapeXmlAttr, escapeXmlText } from '../xml/escape.js';

/**
 * A photo as body HTML. Many readers (NetNewsWire among them) show only `<img>` in the body and
 * ignore enclosures and Media RSS, so every photo is also here, with the same URL as elsewhere.
 */
export function photoFigure(photo: PublishedPhoto): string {
  const { main } = photo;
  const size = `${main.width !== undefined ? ` width="${main.width}"` : ''}${main.height !== undefined ? ` height="${main.height}"` : ''}`;
  const captionText = [photo.caption, photo.credit].filter((part) => part !== undefined).join(' — ');
  const caption = captionText ? `<figcaption>${escapeXmlText(captionText)}</figcaption>` : '';
  return `<figure><img src="${escapeXmlAttr(main.url)}" alt="${escapeXmlAttr(photo.caption ?? '')}"${size} />${caption}</figure>`;
}
