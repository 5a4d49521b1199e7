import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, type ProfileName } from '../../functions/core/partners/partner-profile.js';
import { PROFILE_RULES } from '../../functions/core/partners/preflight/profile-rules.js';
import { readFeed } from '../../functions/core/partners/preflight/read-feed.js';
import { runPreflight } from '../../functions/core/partners/preflight/run-preflight.js';
import { daysAgo, fixtureFeed, namespacesWithout, NOW, rfc822, type FixtureFeed } from './feed-fixture.js';

const check = (profile: ProfileName, options: Partial<FixtureFeed> = {}) => runPreflight(PROFILE_RULES[profile], readFeed(fixtureFeed(options)), { now: NOW });

const MB = 1024 * 1024;
const image = (width: number, height: number, type = 'image/jpeg') => ({ url: 'https://wire.example.org/media/aa/p.jpg', type, width, height });

/** One failing fixture per rule of each profile: [profile, rule id, what breaks it]. */
const FAILING: Array<[ProfileName, string, Partial<FixtureFeed>]> = [
  ['google-news', 'item-guid', { item: { guid: null } }],
  ['google-news', 'title-present', { item: { title: null } }],
  ['google-news', 'item-link', { item: { link: null } }],
  ['google-news', 'date-present', { item: { pubDate: null } }],
  ['google-news', 'date-format', { item: { pubDate: '2026/03/09 10:00' } }],
  ['google-news', 'item-content-encoded', { item: { content: null } }],
  ['google-news', 'absolute-urls', { item: { link: '/stories/harbour.html' } }],
  ['google-news', 'item-size', { count: 1, item: { content: 'x'.repeat(MB + 1) } }],
  ['google-news', 'feed-size', { count: 3, item: { content: 'x'.repeat(0.8 * MB) } }],
  ['google-news', 'item-count-max', { count: 61 }],
  ['google-news', 'encoding', { encoding: 'ISO-8859-1' }],
  ['msn', 'namespaces', { namespaces: namespacesWithout('mi') }],
  ['msn', 'item-guid', { item: { guid: null } }],
  ['msn', 'title-present', { item: { title: null } }],
  ['msn', 'title-length', { item: { title: 'Twenty chars exactly' } }],
  ['msn', 'title-no-html', { item: { title: 'Harbour talks <b>agree</b> a timetable' } }],
  ['msn', 'date-present', { item: { pubDate: null } }],
  ['msn', 'date-format', { item: { pubDate: 'March 9, 2026' } }],
  ['msn', 'date-in-past', { item: { pubDate: rfc822(daysAgo(-1)) } }],
  ['msn', 'date-window', { item: { pubDate: rfc822(daysAgo(365)) } }],
  ['msn', 'modified-present', { item: { modified: null } }],
  ['msn', 'kill-valid', { item: { valid: `end=${daysAgo(-1).toISOString()};` } }],
  ['msn', 'item-body', { item: { description: null, content: null } }],
  ['msn', 'item-link', { item: { link: null } }],
  ['msn', 'absolute-urls', { item: { link: 'stories/harbour.html' } }],
  ['msn', 'https-urls', { item: { link: 'http://wire.example.org/stories/harbour.html' } }],
  ['msn', 'image-present', { item: { image: null } }],
  ['msn', 'image-size', { item: { image: image(719, 500) } }],
  ['msn', 'image-aspect', { item: { image: image(1900, 1000) } }],
  ['msn', 'image-type', { item: { image: image(1200, 800, 'image/tiff') } }],
  ['flipboard', 'channel-title', { title: null }],
  ['flipboard', 'channel-link', { link: null }],
  ['flipboard', 'channel-description', { description: null }],
  ['flipboard', 'channel-language', { language: null }],
  ['flipboard', 'title-present', { item: { title: null } }],
  ['flipboard', 'item-link', { item: { link: null } }],
  ['flipboard', 'item-description', { item: { description: null } }],
  ['flipboard', 'description-length', { item: { description: 'Too short for Flipboard.' } }],
  ['flipboard', 'date-present', { item: { pubDate: null } }],
  ['flipboard', 'date-format', { item: { pubDate: '2026-03-09T10:00:00' } }],
  ['flipboard', 'item-guid', { item: { guid: null } }],
  ['flipboard', 'item-dc-creator', { item: { creator: null } }],
  ['flipboard', 'enclosure-present', { item: { image: null } }],
  ['flipboard', 'image-size', { item: { image: image(800, 499) } }],
  ['flipboard', 'item-content-encoded', { item: { content: null } }],
  ['flipboard', 'absolute-urls', { item: { image: { ...image(1200, 800), url: 'media/p.jpg' } } }],
  ['flipboard', 'item-count-min', { count: 19 }],
  ['smartnews', 'encoding', { encoding: 'Shift_JIS' }],
  ['smartnews', 'namespaces', { namespaces: namespacesWithout('snf'), logo: null }],
  ['smartnews', 'channel-title', { title: null }],
  ['smartnews', 'channel-link', { link: null }],
  ['smartnews', 'channel-description-length', { description: 'Example wire news from the harbour desk' }],
  ['smartnews', 'channel-snf-logo', { logo: null }],
  ['smartnews', 'title-present', { item: { title: null } }],
  ['smartnews', 'title-no-html', { item: { title: 'Harbour &amp; port' } }],
  ['smartnews', 'item-link', { item: { link: null } }],
  ['smartnews', 'item-guid', { item: { guid: null } }],
  ['smartnews', 'date-present', { item: { pubDate: null } }],
  ['smartnews', 'item-content-encoded', { item: { content: null } }],
  ['smartnews', 'item-media-thumbnail', { item: { thumbnail: null } }],
  ['smartnews', 'absolute-urls', { item: { thumbnail: 'thumbs/harbour.jpg' } }],
  ['smartnews', 'feed-size', { count: 2, item: { content: 'x'.repeat(0.6 * MB) } }],
];

/** Fixtures just inside a rule's bound, which must pass that rule. */
const PASSING_EDGES: Array<[ProfileName, string, Partial<FixtureFeed>]> = [
  ['msn', 'title-length', { item: { title: 'Twenty-one characters' } }],
  ['msn', 'title-length', { item: { title: 'x'.repeat(150) } }],
  ['msn', 'date-window', { item: { pubDate: rfc822(daysAgo(364)) } }],
  ['msn', 'image-size', { item: { image: image(720, 400) } }],
  ['msn', 'image-aspect', { item: { image: image(1890, 1000) } }],
  ['msn', 'kill-valid', { item: { valid: `end=${daysAgo(0.1).toISOString()};` } }],
  ['flipboard', 'image-size', { item: { image: image(750, 500) } }],
  ['flipboard', 'item-count-min', { count: 20 }],
  ['google-news', 'item-count-max', { count: 60 }],
  ['google-news', 'date-format', { item: { pubDate: '2026-03-09T10:00:00+01:00' } }],
  ['smartnews', 'channel-description-length', { description: 'x'.repeat(30) }],
];

describe('partner preflight rules', () => {
  it.each(PROFILE_NAMES)('the base fixture passes every %s rule', (profile) => {
    expect(check(profile)).toEqual([]);
  });

  it.each(FAILING)('%s %s: the failing fixture breaks it', (profile, ruleId, options) => {
    const violations = check(profile, options);
    const hit = violations.find((violation) => violation.rule === ruleId);
    expect(hit, JSON.stringify(violations)).toBeDefined();
    const rule = PROFILE_RULES[profile].find((r) => r.id === ruleId)!;
    expect(hit!.severity).toBe(rule.severity);
    expect(hit!.source).toMatch(/^https:\/\//);
  });

  it.each(PASSING_EDGES)('%s %s: a fixture on the bound passes', (profile, ruleId, options) => {
    expect(check(profile, options).filter((violation) => violation.rule === ruleId)).toEqual([]);
  });

  it('has a failing fixture for every rule of every profile', () => {
    for (const profile of PROFILE_NAMES) {
      const tested = new Set(FAILING.filter(([p]) => p === profile).map(([, id]) => id));
      expect(PROFILE_RULES[profile].map((rule) => rule.id).filter((id) => !tested.has(id)), profile).toEqual([]);
    }
  });

  it('cites a partner source on every rule', () => {
    for (const profile of PROFILE_NAMES) for (const rule of PROFILE_RULES[profile]) expect(rule.source, `${profile} ${rule.id}`).toMatch(/^https:\/\/[a-z.]+\//);
  });

  it('names the item of an item violation by its guid', () => {
    const [violation] = check('msn', { count: 1, item: { title: 'Too short' } });
    expect(violation).toMatchObject({ rule: 'title-length', itemId: 'urn:example:harbour', severity: 'error' });
  });
});

describe('kills', () => {
  it('are exempt from the image and date-window rules but not from kill-valid', () => {
    const kill = { image: null, pubDate: rfc822(daysAgo(400)), valid: `end=${daysAgo(0.2).toISOString()};` };
    expect(check('msn', { item: kill }).map((v) => v.rule)).toEqual([]);
    expect(check('msn', { item: { ...kill, modified: rfc822(daysAgo(401)) } }).map((v) => v.rule)).toContain('kill-valid');
  });
});
