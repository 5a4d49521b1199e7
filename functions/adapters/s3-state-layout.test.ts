import { describe, expect, it } from 'vitest';
import { S3_STATE_KEYS as keys } from './s3-state-layout.js';
import { inKeyRange } from '../core/incremental/key-range.js';

describe('S3 state layout', () => {
  it('names order markers so that S3 lists a feed newest first, and finds the story back from the key', () => {
    // Given three stories of one section, published out of order, one before 1970 (clamped)
    const published = ['2024-01-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z', '1969-07-20T20:17:00.000Z'];
    const markers = published.map((date, n) => keys.order('sections/politics', date, `hash${n}`));
    // When listed as S3 lists keys (lexicographically)
    const listed = [...markers].sort();
    // Then newest first, every key under the feed's prefix, each naming its story
    expect(listed.map(keys.sourceOfOrder)).toEqual(['hash1', 'hash0', 'hash2']);
    for (const key of markers) expect(key.startsWith(keys.orderMarkers('sections/politics'))).toBe(true);
  });

  it('keeps the main feed and each section apart, everything under the state root', () => {
    expect(keys.window('')).toBe('_wirefeed/windows/main.json');
    expect(keys.window('sections/main')).toBe('_wirefeed/windows/sections/main.json');
    expect(keys.archivePage('', 3)).not.toBe(keys.archivePage('sections/main', 3));
    expect(keys.orderMarkers('')).not.toBe(keys.orderMarkers('sections/main'));
  });

  it('reads back the name a marker was made of', () => {
    expect(keys.claimOfCarried(keys.carried({ name: 'msn' }, 'c0ffee'))).toBe('c0ffee');
    expect(keys.carried({ name: 'msn' }, 'c0ffee').startsWith(keys.carriedMarkers)).toBe(true);
    const photo = keys.photoUser('media/ab/photo.jpg', 'f00d');
    expect(photo.startsWith(keys.photoUsers('media/ab/photo.jpg'))).toBe(true);
    expect(keys.setOfPhotoUser(photo)).toBe('f00d');
    const member = keys.photoSetMember('f00d', 'cafe');
    expect(member.startsWith(keys.photoSetMembers('f00d'))).toBe(true);
    expect(keys.photoSetMembers('f00d').startsWith(keys.photoSets)).toBe(true);
    expect(keys.userOfSetMember(member)).toBe('cafe');
  });

  it('keeps every key of the layout the bucket already holds (a deployed site is not migrated)', () => {
    expect([keys.held, keys.sections, keys.sitemap, keys.record('h'), keys.item('h'), keys.claim('c'), keys.partnerShortlist({ name: 'msn' })]).toEqual([
      '_wirefeed/held.json',
      '_wirefeed/sections.json',
      '_wirefeed/news-sitemap.json',
      '_wirefeed/stories/h.json',
      '_wirefeed/items/h.json',
      '_wirefeed/claims/c.json',
      '_wirefeed/partners/msn.json',
    ]);
    expect(keys.order('', '2026-01-01T00:00:00.000Z', 'h')).toBe('_wirefeed/order/main/8638232774400000-h');
    const run = keys.rebuildRun('r1');
    expect([run.folder, run.scanPart('ab'), run.order, run.orderSeries('stories', 3), run.etags(2, 1), run.rendered(2), run.sizes(2), run.refusedParts, run.refused(2), run.cut, run.cutPages(4), run.pagesWritten(4)]).toEqual([
      '_wirefeed/rebuild/r1/',
      '_wirefeed/rebuild/r1/scan/ab.json',
      '_wirefeed/rebuild/r1/order/order.json',
      '_wirefeed/rebuild/r1/order/stories/000003.json',
      '_wirefeed/rebuild/r1/etags/000002/000001.json',
      '_wirefeed/rebuild/r1/render/000002.json',
      '_wirefeed/rebuild/r1/sizes/000002.json',
      '_wirefeed/rebuild/r1/refused/',
      '_wirefeed/rebuild/r1/refused/000002.json',
      '_wirefeed/rebuild/r1/cut/cut.json',
      '_wirefeed/rebuild/r1/cut/pages/000004.json',
      '_wirefeed/rebuild/r1/cut/written/000004.json',
    ]);
    expect(run.scanPart('ab').startsWith(run.scanParts)).toBe(true);
    expect(Object.values(run).every((key) => typeof key !== 'string' || key.startsWith(run.folder))).toBe(true);
  });
});

describe('order marker ranges', () => {
  it('holds the markers of the time range, whatever their hash, and no other', () => {
    const range = keys.orderRange('world', '2024-03-01T10:00:00.000Z', '2024-05-17T08:30:00.000Z');
    const listed = (iso: string, hash = 'abc', folder = 'world') => inKeyRange(keys.order(folder, iso, hash), range);
    expect(listed('2024-03-01T10:00:00.000Z')).toBe(true);
    expect(listed('2024-03-01T10:00:00.000Z', 'ffff')).toBe(true);
    expect(listed('2024-04-11T00:00:00.000Z', '0')).toBe(true);
    expect(listed('2024-05-17T08:30:00.000Z')).toBe(true);
    expect(listed('2024-05-17T08:30:00.000Z', 'ffff')).toBe(true);
    expect(listed('2024-03-01T09:59:59.999Z')).toBe(false);
    expect(listed('2024-05-17T08:30:00.001Z')).toBe(false);
    expect(listed('2024-04-11T00:00:00.000Z', 'abc', '')).toBe(false);
    // S3 lists keys in this order: the range is one run of the feed's listing
    const markers = ['2024-05-17T08:30:00.001Z', '2024-05-17T08:30:00.000Z', '2024-04-11T00:00:00.000Z', '2024-03-01T10:00:00.000Z', '2024-03-01T09:59:59.999Z'].map((iso) => keys.order('world', iso, 'abc'));
    expect([...markers].sort()).toEqual(markers);
  });

  it('names the feed of a marker and nothing else', () => {
    expect(keys.feedOfOrder(keys.order('', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('');
    expect(keys.feedOfOrder(keys.order('world', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('world');
    expect(keys.feedOfOrder(keys.order('sections/world', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('sections/world');
    expect(keys.feedOfOrder(keys.item('abc'))).toBeUndefined();
  });

  it('reads the source hash back out of an item key only', () => {
    expect(keys.sourceOfItem(keys.item('0a1b'))).toBe('0a1b');
    expect(keys.item('0a1b').startsWith(keys.items)).toBe(true);
    expect(keys.sourceOfItem(keys.record('0a1b'))).toBeUndefined();
    expect(keys.photoUser('media/0a1b/p.jpg', 'cafe').startsWith(keys.mediaUsers)).toBe(true);
  });

  it('reads the hash back out of a record or a claim key only', () => {
    expect(keys.sourceOfRecord(keys.record('0a1b'))).toBe('0a1b');
    expect(keys.record('0a1b').startsWith(keys.records)).toBe(true);
    expect(keys.sourceOfRecord(keys.item('0a1b'))).toBeUndefined();
    expect(keys.hashOfClaim(keys.claim('0a1b'))).toBe('0a1b');
    expect(keys.claim('0a1b').startsWith(keys.claims)).toBe(true);
    expect(keys.hashOfClaim(keys.record('0a1b'))).toBeUndefined();
  });
});
