import type { CheckedImage, CheckedItem } from './checked-feed.js';
import type { ItemRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

/** Images of an item with their sizes: media:content, and enclosures (sized from a media:content with the same URL). */
function imagesOf(item: CheckedItem): CheckedImage[] {
  const byUrl = new Map(item.media.map((image) => [image.url, image]));
  // An RSS enclosure has no dimensions; a media:content with the same URL supplies them.
  const enclosures = item.enclosures.filter((e) => !e.type || e.type.startsWith('image/')).map((e) => ({ ...byUrl.get(e.url), ...e }));
  const media = item.media.filter((image) => !item.enclosures.some((e) => e.url === image.url));
  return [...enclosures, ...media];
}

function sized(image: CheckedImage): image is CheckedImage & { width: number; height: number } {
  return image.width !== undefined && image.height !== undefined;
}

/** The item has at least one image (enclosure or media:content); kills are exempt. */
export function imagePresent({ severity, source, enclosure }: Cite & { enclosure: boolean }): ItemRule {
  return {
    id: enclosure ? 'enclosure-present' : 'image-present',
    scope: 'item',
    severity,
    source,
    check(item) {
      if (item.validEnd) return undefined; // a kill withdraws the story; its photos are gone
      return (enclosure ? item.enclosures.length : imagesOf(item).length) > 0 ? undefined : enclosure ? 'item has no enclosure' : 'item has no image';
    },
  };
}

/**
 * Every sized image is big enough: `side: 'shortest'` checks the smaller dimension (Flipboard),
 * `'longest'` requires one side at least `min` (MSN: "≥720 px one side"). Unsized images are not judged.
 */
export function imageMinSize({ severity, source, min, side, enclosureOnly = false }: Cite & { min: number; side: 'shortest' | 'longest'; enclosureOnly?: boolean }): ItemRule {
  return {
    id: 'image-size',
    scope: 'item',
    severity,
    source,
    check(item) {
      const images = imagesOf(item).filter((image) => !enclosureOnly || item.enclosures.some((e) => e.url === image.url));
      const small = images.filter(sized).find((image) => (side === 'shortest' ? Math.min(image.width, image.height) : Math.max(image.width, image.height)) < min);
      return small ? `image ${small.url} is ${small.width}×${small.height}; needs ${min} px on the ${side} side` : undefined;
    },
  };
}

/** Every sized image has width/height within [min, max]. */
export function imageAspect({ severity, source, min, max }: Cite & { min: number; max: number }): ItemRule {
  return {
    id: 'image-aspect',
    scope: 'item',
    severity,
    source,
    check(item) {
      const off = imagesOf(item).filter(sized).find((image) => image.width / image.height < min || image.width / image.height > max);
      return off ? `image ${off.url} has aspect ratio ${(off.width / off.height).toFixed(2)}; must be ${min}–${max}` : undefined;
    },
  };
}

/** Every image's declared type is one the partner takes. */
export function imageTypes({ severity, source, types }: Cite & { types: string[] }): ItemRule {
  return {
    id: 'image-type',
    scope: 'item',
    severity,
    source,
    check(item) {
      const off = imagesOf(item).find((image) => image.type !== undefined && image.type.startsWith('image/') && !types.includes(image.type));
      return off ? `image ${off.url} is ${off.type}; accepted: ${types.join(', ')}` : undefined;
    },
  };
}
