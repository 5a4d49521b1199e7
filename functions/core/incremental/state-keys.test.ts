import { describe, expect, it } from 'vitest';
import { archivePageKey, hashOfOrderKey, orderKey, orderPrefix, STATE_ROOT, windowKey } from './state-keys.js';

describe('S3 state layout', () => {
  it('names order markers so that S3 lists a feed newest first, and finds the story back from the key', () => {
    // Given three stories of one section, published out of order, one before 1970 (clamped)
    const published = ['2024-01-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z', '1969-07-20T20:17:00.000Z'];
    const keys = published.map((date, n) => orderKey('sections/politics', date, `hash${n}`));
    // When listed as S3 lists keys (lexicographically)
    const listed = [...keys].sort();
    // Then newest first, every key under the feed's prefix, each naming its story
    expect(listed.map(hashOfOrderKey)).toEqual(['hash1', 'hash0', 'hash2']);
    for (const key of keys) expect(key.startsWith(orderPrefix('sections/politics'))).toBe(true);
  });

  it('keeps the main feed and each section apart, everything under the state root', () => {
    expect(windowKey('')).toBe(`${STATE_ROOT}windows/main.json`);
    expect(windowKey('sections/main')).toBe(`${STATE_ROOT}windows/sections/main.json`);
    expect(archivePageKey('', 3)).not.toBe(archivePageKey('sections/main', 3));
    expect(orderPrefix('')).not.toBe(orderPrefix('sections/main'));
  });
});
