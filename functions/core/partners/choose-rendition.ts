import type { PublishedPhoto, PublishedRendition } from '../media/published-photo.js';

/**
 * The rendition a partner gets: the smallest one at least `minWidth` wide, else the largest.
 * Renditions without a declared width count as the largest (they are the source's main file).
 */
export function chooseRendition(photo: PublishedPhoto, minWidth: number | undefined): PublishedRendition {
  const candidates = [photo.main, ...(photo.thumbnail ? [photo.thumbnail] : [])];
  if (minWidth === undefined) return photo.main;
  const wideEnough = candidates.filter((rendition) => (rendition.width ?? Infinity) >= minWidth);
  if (wideEnough.length === 0) return photo.main;
  return wideEnough.reduce((best, rendition) => ((rendition.width ?? Infinity) < (best.width ?? Infinity) ? rendition : best));
}
