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
});
