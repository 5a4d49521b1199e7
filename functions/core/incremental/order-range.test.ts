import { describe, expect, it } from 'vitest';
import { feedOfOrderKey, inKeyRange, orderMarkerRange } from './order-range.js';
import { orderKey } from './state-keys.js';

describe('orderMarkerRange', () => {
  it('holds the markers of the time range, whatever their hash, and no other', () => {
    const range = orderMarkerRange('world', '2024-03-01T10:00:00.000Z', '2024-05-17T08:30:00.000Z');
    const listed = (iso: string, hash = 'abc', folder = 'world') => inKeyRange(orderKey(folder, iso, hash), range);
    expect(listed('2024-03-01T10:00:00.000Z')).toBe(true);
    expect(listed('2024-03-01T10:00:00.000Z', 'ffff')).toBe(true);
    expect(listed('2024-04-11T00:00:00.000Z', '0')).toBe(true);
    expect(listed('2024-05-17T08:30:00.000Z')).toBe(true);
    expect(listed('2024-05-17T08:30:00.000Z', 'ffff')).toBe(true);
    expect(listed('2024-03-01T09:59:59.999Z')).toBe(false);
    expect(listed('2024-05-17T08:30:00.001Z')).toBe(false);
    expect(listed('2024-04-11T00:00:00.000Z', 'abc', '')).toBe(false);
    // S3 lists keys in this order: the range is one run of the feed's listing
    const keys = ['2024-05-17T08:30:00.001Z', '2024-05-17T08:30:00.000Z', '2024-04-11T00:00:00.000Z', '2024-03-01T10:00:00.000Z', '2024-03-01T09:59:59.999Z'].map((iso) => orderKey('world', iso, 'abc'));
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('feedOfOrderKey', () => {
  it('names the feed of a marker and nothing else', () => {
    expect(feedOfOrderKey(orderKey('', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('');
    expect(feedOfOrderKey(orderKey('world', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('world');
    expect(feedOfOrderKey(orderKey('sections/world', '2024-04-11T00:00:00.000Z', 'abc'))).toBe('sections/world');
    expect(feedOfOrderKey('_wirefeed/items/abc.json')).toBeUndefined();
  });
});
