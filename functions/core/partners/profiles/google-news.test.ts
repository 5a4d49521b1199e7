import { describe, expect, it } from 'vitest';
import { describeProfileRules, type RuleFixture } from '../../../../test/partners/profile-rules.js';
import { partnerFeed, partnerItemOf, partnerOf, partnerStory, SITE } from '../../../../test/partners/partner-story.js';
import { parsePartners } from '../parse-partners.js';
import { googleNews } from './google-news.js';

const MB = 1024 * 1024;

const FAILING: RuleFixture[] = [
  ['item-guid', { item: { guid: null } }],
  ['title-present', { item: { title: null } }],
  ['item-link', { item: { link: null } }],
  ['date-present', { item: { pubDate: null } }],
  ['date-format', { item: { pubDate: '2026/03/09 10:00' } }],
  ['item-content-encoded', { item: { content: null } }],
  ['absolute-urls', { item: { link: '/stories/harbour.html' } }],
  ['item-size', { count: 1, item: { content: 'x'.repeat(MB + 1) } }],
  ['feed-size', { count: 3, item: { content: 'x'.repeat(0.8 * MB) } }],
  ['item-count-max', { count: 61 }],
  ['encoding', { encoding: 'ISO-8859-1' }],
];

const ON_BOUND: RuleFixture[] = [
  ['item-count-max', { count: 60 }],
  ['date-format', { item: { pubDate: '2026-03-09T10:00:00+01:00' } }],
];

describeProfileRules(googleNews, FAILING, ON_BOUND);

describe('google-news feed', () => {
  const partner = partnerOf('google-news');

  it('is the common partner feed: its namespaces, the site description, no thumbnail, no credit in place of a byline', () => {
    // Given: a story without a byline
    const item = partnerItemOf(partner, partnerStory({ authors: [] }));
    // When
    const { xml, read } = partnerFeed(partner, [item]);
    // Then
    expect(read.namespaces.sort()).toEqual(['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/terms/', 'http://purl.org/rss/1.0/modules/content/', 'http://search.yahoo.com/mrss/', 'http://www.w3.org/2005/Atom']);
    expect(read.description).toBe(SITE.description);
    expect(read.items[0]).toMatchObject({ creators: [], thumbnails: [] });
    expect(xml).toContain('<content:encoded>');
  });

  it('defaults to 60 items and 800 px images', () => {
    expect(parsePartners({ gn: { profile: 'google-news' } })).toEqual([{ name: 'gn', profile: 'google-news', itemLimit: 60, content: 'full', imageMinWidth: 800 }]);
  });
});
