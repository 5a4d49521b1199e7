import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPackReader, openPackWriter, readManifest, writeManifest, type CacheManifest } from './fragment-cache.js';

function sample(key: string): CacheManifest<{ id: string }> {
  const manifest: CacheManifest<{ id: string }> = { key, nextPack: 3, stories: {}, outputs: {} };
  // Enough entries to span several write chunks, with text that needs escaping in JSON.
  for (let i = 0; i < 5000; i += 1) {
    manifest.stories[`stories/s-${i}.json`] = { size: i, mtimeMs: i + 0.5, media: [[`media/${i}.jpg`, 10, 2]], record: { id: `urn:x:${i}\n"é"\u2028` } };
    manifest.outputs[`sections/a/archive/${i}/rss.xml`] = [`k${i}`, i * 7];
  }
  return manifest;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cache-'));
  made.push(dir);
  return dir;
}

describe('fragment cache', () => {
  it('reads back the manifest it wrote, and starts afresh when the key differs or the file is torn', () => {
    const dir = tempDir();
    const manifest = sample('k1');
    writeManifest(dir, manifest);
    expect(readManifest(dir, 'k1')).toEqual(manifest);
    expect(readManifest(dir, 'k2')).toEqual({ key: 'k2', nextPack: 0, stories: {}, outputs: {} });

    writeManifest(dir, manifest);
    const path = join(dir, 'manifest.ndjson');
    // Cut at a line end, so every remaining line parses and only the missing end line tells.
    const text = readFileSync(path, 'utf8');
    truncateSync(path, Buffer.byteLength(text.slice(0, text.indexOf('\n', text.length / 2) + 1)));
    expect(readManifest(dir, 'k1')).toEqual({ key: 'k1', nextPack: 0, stories: {}, outputs: {} });
  });

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
