import type { SiteConfig } from '../site.js';
import type { CheckedFeed } from './preflight/checked-feed.js';
import type { PartnerConfig } from './partner-config.js';
import type { PartnerItem } from './partner-item.js';
import { PARTNER_FEED_TAIL, renderPartnerChannel } from './render-partner-feed.js';
import { compareNewestFirst } from '../newest-first.js';
import { profileOf } from './profile-of.js';

/** A rendered partner feed and what the preflight reads of it. */
export interface AssembledPartnerFeed {
  body: string;
  checked: CheckedFeed;
  /** How many of the `stories` passed in the feed holds (the oldest go first over the size cap). */
  kept: number;
}

/**
 * Assembles one partner's RSS file from items that passed preflight: stories (newest first) and
 * kill notices, ordered by first publication. Over the profile's size cap the oldest stories go; kills
 * stay, they must reach MSN. Shared by the CLI build and the Lambda, so both write the same bytes.
 * The file's size is the sum of its parts' UTF-8 lengths, each item's by `itemBytes` (the Lambda's
 * items may be tokens naming bytes kept elsewhere, `framed-state.ts`).
 */
export function assemblePartnerFeed(
  partner: PartnerConfig,
  site: SiteConfig,
  stories: readonly PartnerItem[],
  kills: readonly PartnerItem[],
  itemBytes: (xml: string) => number = Buffer.byteLength,
): AssembledPartnerFeed {
  const { feedBytes } = profileOf(partner);
  let kept = [...stories];
  const render = (): AssembledPartnerFeed => {
    const items = [...kept, ...kills].sort(compareNewestFirst);
    const channel = renderPartnerChannel(partner, site, items);
    const body = channel.head + items.map((item) => item.xml).join('') + PARTNER_FEED_TAIL;
    const bytes = Buffer.byteLength(channel.head) + items.reduce((sum, item) => sum + itemBytes(item.xml), 0) + Buffer.byteLength(PARTNER_FEED_TAIL);
    return { body, checked: { ...channel.checked, items: items.map((item) => item.checked), bytes }, kept: kept.length };
  };
  let feed = render();
  while (feed.checked.bytes > feedBytes && kept.length > 1) {
    kept = kept.slice(0, Math.max(1, Math.floor(kept.length * 0.9)));
    feed = render();
  }
  return feed;
}
