import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/support/temp-dirs.js';
import { openPackReader, openPackWriter } from './fragment-cache.js';

const tempDir = tempDirs('cache');

describe('fragment cache', () => {
  it('reads every appended fragment back, as text and as bytes, after a flush', () => {
    const dir = tempDir();
    const writer = openPackWriter(dir, 0);
    const texts = ['<item>é</item>', 'x'.repeat(3 << 20), '', '😀 & more'];
    const locations = texts.map((text) => writer.append(text));
    writer.flush();
    const reader = openPackReader(dir);
    expect(locations.map((location) => reader.read(location))).toEqual(texts);
    const target = Buffer.alloc(locations[3]![2] + 2);
    reader.readInto(locations[3]!, target, 2);
    expect(target.subarray(2).toString('utf8')).toBe(texts[3]);
    reader.close();
    writer.close();
    expect(readFileSync(join(dir, 'pack-0.bin')).byteLength).toBe(locations.reduce((sum, [, , length]) => sum + length, 0));
  });

  it('reads many fragments in the order asked, across packs, near each other and far apart', () => {
    // Given: two packs; in pack 1, neighbours, a fragment 40 KB further on, and one over a megabyte
    const dir = tempDir();
    const first = openPackWriter(dir, 0);
    const second = openPackWriter(dir, 1);
    const a = first.append('{"a":1}');
    const b = first.append('{"b":"é"}');
    first.append('-'.repeat(40 * 1024));
    const c = first.append('{"c":3}');
    const big = first.append('B'.repeat(1 << 20) + '!');
    const d = second.append('{"d":"😀"}');
    for (const writer of [first, second]) writer.close();
    // When: asked out of order, one twice
    const reader = openPackReader(dir);
    const texts = reader.readMany([d, c, big, b, a, b]);
    reader.close();
    // Then
    expect(texts).toEqual(['{"d":"😀"}', '{"c":3}', 'B'.repeat(1 << 20) + '!', '{"b":"é"}', '{"a":1}', '{"b":"é"}']);
    expect(reader.readMany([])).toEqual([]);
  });
});
