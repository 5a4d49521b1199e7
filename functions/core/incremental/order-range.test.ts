import { describe, expect, it } from 'vitest';
import { decimalCover, feedOfOrderKey, orderMarkerPrefixes } from './order-range.js';
import { orderKey } from './state-keys.js';

/** Every string of `width` digits, in order. */
const all = (width: number) => Array.from({ length: 10 ** width }, (_, n) => String(n).padStart(width, '0'));

describe('decimalCover', () => {
  it('covers exactly the strings of the range, each once', () => {
    const strings = all(3);
    for (const [low, high] of [['000', '999'], ['017', '017'], ['017', '983'], ['100', '199'], ['109', '110'], ['990', '999'], ['000', '000'], ['555', '554']] as const) {
      const covers = decimalCover(low, high);
      const covered = strings.filter((s) => covers.some((cover) => s.startsWith(cover)));
      expect(covered).toEqual(strings.filter((s) => s >= low && s <= high));
      for (const s of covered) expect(covers.filter((cover) => s.startsWith(cover))).toHaveLength(1);
    }
    // 017–019, 02–09, 1–8, 90–97, 980–983
    expect(decimalCover('017', '983')).toHaveLength(3 + 8 + 8 + 8 + 4);
  });
});

describe('orderMarkerPrefixes', () => {
  it('lists the markers of the time range and no other', () => {
    const prefixes = orderMarkerPrefixes('world', '2024-03-01T10:00:00.000Z', '2024-05-17T08:30:00.000Z');
    const listed = (iso: string) => prefixes.some((prefix) => orderKey('world', iso, 'abc').startsWith(prefix));
    expect(listed('2024-03-01T10:00:00.000Z')).toBe(true);
    expect(listed('2024-04-11T00:00:00.000Z')).toBe(true);
    expect(listed('2024-05-17T08:30:00.000Z')).toBe(true);
    expect(listed('2024-03-01T09:59:59.999Z')).toBe(false);
    expect(listed('2024-05-17T08:30:00.001Z')).toBe(false);
    expect(prefixes.every((prefix) => !orderKey('', '2024-04-11T00:00:00.000Z', 'abc').startsWith(prefix))).toBe(true);
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
