import { describe, expect, it } from 'vitest';
import { namespacesWithout } from '../../../../test/partners/feed-fixture.js';
import { describeProfileRules, type RuleFixture } from '../../../../test/partners/profile-rules.js';
import { partnerFeed, partnerItemOf, partnerOf, partnerStory, SITE } from '../../../../test/partners/partner-story.js';
import { assemblePartnerFeed } from '../assemble-partner-feed.js';
import { smartnews } from './smartnews.js';

const MB = 1024 * 1024;

const FAILING: RuleFixture[] = [
  ['encoding', { encoding: 'Shift_JIS' }],
  ['namespaces', { namespaces: namespacesWithout('snf'), logo: null }],
  ['channel-title', { title: null }],
  ['channel-link', { link: null }],
  ['channel-description-length', { description: 'Example wire news from the harbour desk' }],
  ['channel-snf-logo', { logo: null }],
  ['title-present', { item: { title: null } }],
  ['title-no-html', { item: { title: 'Harbour &amp; port' } }],
  ['item-link', { item: { link: null } }],
  ['item-guid', { item: { guid: null } }],
  ['date-present', { item: { pubDate: null } }],
  ['item-content-encoded', { item: { content: null } }],
  ['item-media-thumbnail', { item: { thumbnail: null } }],
  ['absolute-urls', { item: { thumbnail: 'thumbs/harbour.jpg' } }],
  ['feed-size', { count: 2, item: { content: 'x'.repeat(0.6 * MB) } }],
];

const ON_BOUND: RuleFixture[] = [['channel-description-length', { description: 'x'.repeat(30) }]];

describeProfileRules(smartnews, FAILING, ON_BOUND);

describe('smartnews feed', () => {
  const partner = partnerOf('smartnews', { logo: 'https://wire.example.org/logo.png' });

  it('declares snf, shows the logo, and describes the channel by the site title cut to 30 characters', () => {
    const { xml, read } = partnerFeed(partner, [partnerItemOf(partner, partnerStory())]);
    expect(read.namespaces).toContain('http://www.smartnews.be/snf');
    expect(read.logo).toBe('https://wire.example.org/logo.png');
    expect(xml).toContain('<snf:logo><url>https://wire.example.org/logo.png</url></snf:logo>\n');
    expect(read.description).toBe('Harbour and Coast Wire Servic…');
    expect([...read.description!]).toHaveLength(30);
  });

  it('leaves the logo out when none is configured', () => {
    const bare = partnerOf('smartnews');
    const { xml, read } = partnerFeed(bare, [partnerItemOf(bare, partnerStory())]);
    expect(xml).not.toContain('snf:logo');
    expect(read.logo).toBeUndefined();
  });

  it("gives each item its lead photo's thumbnail as media:thumbnail", () => {
    const { read } = partnerFeed(partner, [partnerItemOf(partner, partnerStory())]);
    expect(read.items[0]!.thumbnails).toEqual(['https://wire.example.org/media/fedcba9876543210/harbour-400.jpg']);
  });

  it('keeps the file within 1 MB by dropping the oldest stories', () => {
    // Given: 20 stories of 60 KB each, 1.2 MB in all (under the 2 MB other profiles take)
    const body = `<p>${'Harbour dredging news. '.repeat(2600)}</p>`;
    const items = Array.from({ length: 20 }, (_, n) => partnerItemOf(partner, partnerStory({ id: `urn:example:${n}`, bodyHtml: body, published: new Date(Date.UTC(2026, 2, 9, 20 - n)) })));
    // When
    const feed = assemblePartnerFeed(partner, SITE, items, []);
    // Then: the newest stay, as many as fit
    expect(feed.checked.bytes).toBeLessThanOrEqual(smartnews.feedBytes);
    expect(feed.kept).toBeLessThan(items.length);
    expect(feed.checked.items.map((item) => item.id)).toEqual(items.slice(0, feed.kept).map((item) => item.id));
    expect(assemblePartnerFeed(partnerOf('google-news'), SITE, items, []).kept).toBe(items.length);
  });
});
