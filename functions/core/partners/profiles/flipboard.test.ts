import { describe, expect, it } from 'vitest';
import { describeProfileRules, type RuleFixture } from '../../../../test/partners/profile-rules.js';
import { partnerFeed, partnerItemOf, partnerOf, partnerStory, SITE } from '../../../../test/partners/partner-story.js';
import { flipboard } from './flipboard.js';

const image = (width: number, height: number, type = 'image/jpeg') => ({ url: 'https://wire.example.org/media/aa/p.jpg', type, width, height });

const FAILING: RuleFixture[] = [
  ['channel-title', { title: null }],
  ['channel-link', { link: null }],
  ['channel-description', { description: null }],
  ['channel-language', { language: null }],
  ['title-present', { item: { title: null } }],
  ['item-link', { item: { link: null } }],
  ['item-description', { item: { description: null } }],
  ['description-length', { item: { description: 'Too short for Flipboard.' } }],
  ['date-present', { item: { pubDate: null } }],
  ['date-format', { item: { pubDate: '2026-03-09T10:00:00' } }],
  ['item-guid', { item: { guid: null } }],
  ['item-dc-creator', { item: { creator: null } }],
  ['enclosure-present', { item: { image: null } }],
  ['image-size', { item: { image: image(800, 499) } }],
  ['item-content-encoded', { item: { content: null } }],
  ['absolute-urls', { item: { image: { ...image(1200, 800), url: 'media/p.jpg' } } }],
  ['item-count-min', { count: 19 }],
];

const ON_BOUND: RuleFixture[] = [
  ['image-size', { item: { image: image(750, 500) } }],
  ['item-count-min', { count: 20 }],
];

describeProfileRules(flipboard, FAILING, ON_BOUND);

describe('flipboard feed', () => {
  const partner = partnerOf('flipboard');

  it('credits a story without a byline to its credit line, else to the site', () => {
    const credited = partnerItemOf(partner, partnerStory({ authors: [] }));
    const uncredited = partnerItemOf(partner, partnerStory({ authors: [], credit: undefined }));
    const { read } = partnerFeed(partner, [credited]);
    expect(read.items[0]!.creators).toEqual(['Example Agency']);
    expect(uncredited.checked.creators).toEqual([SITE.title]);
    expect(partnerItemOf(partner, partnerStory()).checked.creators).toEqual(['Jo Reporter']);
  });

  it('sends the rendition the partner asked for as the enclosure', () => {
    const item = partnerItemOf(partnerOf('flipboard', { imageMinWidth: 300 }), partnerStory());
    expect(partnerFeed(partner, [item]).read.items[0]!.enclosures).toEqual([{ url: 'https://wire.example.org/media/fedcba9876543210/harbour-400.jpg', type: 'image/jpeg' }]);
  });
});
