import { buildFeedItem, type FeedItem } from '../../functions/core/feed-item.js';
import type { PublishedPhoto } from '../../functions/core/media/published-photo.js';
import type { PartnerConfig } from '../../functions/core/partners/partner-config.js';
import type { PartnerItem } from '../../functions/core/partners/partner-item.js';
import { renderPartnerItem } from '../../functions/core/partners/partner-item.js';
import { PARTNER_FEED_TAIL, renderPartnerChannel } from '../../functions/core/partners/render-partner-feed.js';
import { readFeed } from '../../functions/core/partners/preflight/read-feed.js';
import type { CheckedFeed } from '../../functions/core/partners/preflight/checked-feed.js';
import type { SiteConfig } from '../../functions/core/site.js';
import type { Story } from '../../functions/core/story.js';

/** Stories and sites for tests of what a profile writes: one story in, one partner feed out. */

export const BASE = 'https://wire.example.org';

/** A site whose title is longer than 30 characters and differs from its description. */
export const SITE: SiteConfig = { title: 'Harbour and Coast Wire Service of Example', description: 'News of the harbour', baseUrl: BASE, language: 'en', itemLimit: 10, hubs: [] };

const PHOTO: PublishedPhoto = {
  id: 'p',
  label: 'Dredgers at work',
  caption: 'Dredgers at work',
  credit: 'Photo Desk',
  main: { url: `${BASE}/media/0123456789abcdef/harbour-1600.jpg`, mimeType: 'image/jpeg', width: 1600, height: 1000, bytes: 1000 },
  thumbnail: { url: `${BASE}/media/fedcba9876543210/harbour-400.jpg`, mimeType: 'image/jpeg', width: 400, height: 250, bytes: 100 },
};

/** A public story with a photo; `fields` change it (e.g. `authors: []` for one without a byline). */
export function partnerStory(fields: Partial<Story> = {}): Story {
  return {
    id: 'urn:example:harbour',
    version: '1',
    title: 'Harbour talks agree a timetable for the first dredging phase',
    summary: 'Delegates agreed a timetable.',
    bodyHtml: '<p>Delegates agreed a timetable for the first phase of dredging.</p>',
    authors: ['Jo Reporter'],
    credit: 'Example Agency',
    categories: [{ name: 'Politics', slug: 'politics' }],
    status: 'usable',
    published: new Date('2026-03-09T10:00:00Z'),
    updated: new Date('2026-03-09T11:00:00Z'),
    source: 'stories/harbour.json',
    photos: [],
    ...fields,
  };
}

/** The story's feed item, with its photo unless `photos: false`. */
export function partnerFeedItem(story: Story, { photos = true } = {}): FeedItem {
  return buildFeedItem(story, { photos: photos ? [PHOTO] : [], copies: [] }, BASE);
}

/** A partner config of `profile`, named after it, with `fields` on top. */
export function partnerOf(profile: string, fields: Partial<PartnerConfig> = {}): PartnerConfig {
  return { name: profile, profile, itemLimit: 10, content: 'full', imageMinWidth: 500, ...fields };
}

/** One partner's feed of these items, as written and as `wirefeed check` reads it back. */
export function partnerFeed(partner: PartnerConfig, items: readonly PartnerItem[], site: SiteConfig = SITE): { xml: string; read: CheckedFeed } {
  const channel = renderPartnerChannel(partner, site, items);
  const xml = channel.head + items.map((item) => item.xml).join('') + PARTNER_FEED_TAIL;
  return { xml, read: readFeed(xml) };
}

/** Renders one story for a partner (`killedAt` makes it a kill notice). */
export function partnerItemOf(partner: PartnerConfig, story: Story, killedAt?: Date): PartnerItem {
  return renderPartnerItem(partnerFeedItem(story), partner, SITE, killedAt);
}
