import { describe, expect, it } from 'vitest';
import { daysAgo, namespacesWithout, rfc822 } from '../../../../test/partners/feed-fixture.js';
import { checkFixture, describeProfileRules, type RuleFixture } from '../../../../test/partners/profile-rules.js';
import { partnerFeed, partnerItemOf, partnerOf, partnerStory } from '../../../../test/partners/partner-story.js';
import { getsKillNotice } from '../kill-notice.js';
import { checkItem } from '../preflight/run-preflight.js';
import { msn } from './msn.js';

const image = (width: number, height: number, type = 'image/jpeg') => ({ url: 'https://wire.example.org/media/aa/p.jpg', type, width, height });

const FAILING: RuleFixture[] = [
  ['namespaces', { namespaces: namespacesWithout('mi') }],
  ['item-guid', { item: { guid: null } }],
  ['title-present', { item: { title: null } }],
  ['title-length', { item: { title: 'Twenty chars exactly' } }],
  ['title-no-html', { item: { title: 'Harbour talks <b>agree</b> a timetable' } }],
  ['date-present', { item: { pubDate: null } }],
  ['date-format', { item: { pubDate: 'March 9, 2026' } }],
  ['date-in-past', { item: { pubDate: rfc822(daysAgo(-1)) } }],
  ['date-max-age', { item: { pubDate: rfc822(daysAgo(365)) } }],
  ['modified-present', { item: { modified: null } }],
  ['kill-valid', { item: { valid: `end=${daysAgo(-1).toISOString()};` } }],
  ['item-body', { item: { description: null, content: null } }],
  ['item-link', { item: { link: null } }],
  ['absolute-urls', { item: { link: 'stories/harbour.html' } }],
  ['https-urls', { item: { link: 'http://wire.example.org/stories/harbour.html' } }],
  ['image-present', { item: { image: null } }],
  ['image-size', { item: { image: image(719, 500) } }],
  ['image-aspect', { item: { image: image(1900, 1000) } }],
  ['image-type', { item: { image: image(1200, 800, 'image/tiff') } }],
];

const ON_BOUND: RuleFixture[] = [
  ['title-length', { item: { title: 'Twenty-one characters' } }],
  ['title-length', { item: { title: 'x'.repeat(150) } }],
  ['date-max-age', { item: { pubDate: rfc822(daysAgo(364)) } }],
  ['image-size', { item: { image: image(720, 400) } }],
  ['image-aspect', { item: { image: image(1890, 1000) } }],
  ['kill-valid', { item: { valid: `end=${daysAgo(0.1).toISOString()};` } }],
];

describeProfileRules(msn, FAILING, ON_BOUND);

describe('msn kills', () => {
  const partner = partnerOf('msn', { imageMinWidth: 720 });
  const published = new Date('2026-03-09T10:00:00Z');
  const takenDown = new Date('2026-03-10T08:00:00Z');
  const now = new Date('2026-03-10T12:00:00Z');
  const killed = partnerStory({ status: 'canceled', published, updated: takenDown });

  it('are exempt from the image and date-max-age rules but not from kill-valid', () => {
    const kill = { image: null, pubDate: rfc822(daysAgo(400)), valid: `end=${daysAgo(0.2).toISOString()};` };
    expect(checkFixture(msn, { item: kill }).map((v) => v.rule)).toEqual([]);
    expect(checkFixture(msn, { item: { ...kill, modified: rfc822(daysAgo(401)) } }).map((v) => v.rule)).toContain('kill-valid');
  });

  it('go to a feed that carried the story, once it is taken down', () => {
    expect(getsKillNotice(partner, killed, now, true)).toBe(true);
    expect(getsKillNotice(partner, killed, now, false)).toBe(false);
    expect(getsKillNotice(partner, partnerStory({ published, updated: takenDown }), now, true)).toBe(false);
    expect(getsKillNotice(partnerOf('google-news'), killed, now, true)).toBe(false);
  });

  it('are the carried item again, withdrawn: same guid, a past dcterms:valid end, nothing of what was withheld', () => {
    // When
    const notice = partnerItemOf(partner, killed, takenDown);
    const { xml, read } = partnerFeed(partner, [notice]);
    // Then
    expect(read.items[0]).toMatchObject({ id: killed.id, validEnd: takenDown, modified: takenDown, title: 'This story has been withdrawn', media: [], enclosures: [] });
    expect(xml).not.toContain(killed.title);
    expect(checkItem(msn.rules, notice.checked, { now })).toEqual([]);
  });
});

describe('msn feed', () => {
  it('declares the mi namespace beside media and dcterms', () => {
    const partner = partnerOf('msn', { imageMinWidth: 720 });
    const { xml } = partnerFeed(partner, [partnerItemOf(partner, partnerStory())]);
    expect(xml).toContain(' xmlns:media="http://search.yahoo.com/mrss/" xmlns:mi="http://schemas.ingestion.microsoft.com/common/">');
  });
});
