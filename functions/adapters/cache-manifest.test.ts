import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/support/temp-dirs.js';
import { readManifest, writeManifest } from './cache-manifest.js';
import type { CacheManifest } from '../core/ports/build-cache.js';

interface Sample {
  id: string;
  section?: { slug: string };
  at?: number[];
  note?: string | null;
}

function sample(key: string, count = 5000): CacheManifest<Sample> {
  const manifest: CacheManifest<Sample> = { key, nextPack: 3, stories: {}, outputs: {}, checkpoints: [{ at: 1000, hash: 'h', rest: 'r', state: 's', file: 'c.json' }] };
  // Enough entries to span several write chunks, with text that needs escaping in JSON.
  for (let i = 0; i < count; i += 1) {
    // Fields some records lack, shared objects, values each record has its own of, and a null.
    const record: Sample = { id: `urn:x:${i}\n"é"\u2028`, ...(i % 3 === 0 && { section: { slug: `s${i % 4}` } }), ...(i % 2 === 1 && { at: [i, i + 1] }), ...(i % 5 === 0 && { note: i % 10 === 0 ? null : 'n' }) };
    manifest.stories[`stories/s-${i}.json`] = { size: i, mtimeMs: i + 0.5, media: [[`media/${i % 7}.jpg`, 10, 2]], record };
    manifest.outputs[`sections/a/archive/${i}/rss.xml`] = i % 2 === 0 ? [`k${i}`, i * 7, i] : [`k${i}`, i * 7];
  }
  return manifest;
}

const tempDir = tempDirs('manifest');

const manifestFile = (dir: string) => join(dir, 'manifest.ndjson');
const indexFiles = (dir: string) => readdirSync(dir).filter((file) => file.startsWith('stories-'));
const indexText = (dir: string) => readFileSync(join(dir, indexFiles(dir)[0]!), 'utf8');

describe('cache manifest', () => {
  it('reads back the manifest it wrote, and starts afresh when the key differs or the file is torn', () => {
    const dir = tempDir();
    const manifest = sample('k1');
    writeManifest(dir, manifest);
    expect(readManifest(dir, 'k1')).toEqual(manifest);
    // Another key keeps nothing but the paths its build wrote, so the next build can remove the stale ones.
    expect(readManifest(dir, 'k2')).toEqual({ key: 'k2', nextPack: 0, stories: {}, outputs: {}, checkpoints: [], formerOutputs: Object.keys(manifest.outputs) });
    expect(readManifest(dir, 'k2')).toEqual({ key: 'k2', nextPack: 0, stories: {}, outputs: {}, checkpoints: [] });

    writeManifest(dir, manifest);
    // Cut at a line end, so every remaining line parses and only the missing end line tells.
    const text = readFileSync(manifestFile(dir), 'utf8');
    truncateSync(manifestFile(dir), Buffer.byteLength(text.slice(0, text.indexOf('\n', text.length / 2) + 1)));
    expect(readManifest(dir, 'k1')).toEqual({ key: 'k1', nextPack: 0, stories: {}, outputs: {}, checkpoints: [] });
  });

  it('writes a photo fingerprint many stories share once, and reads it back as one object', () => {
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k', 100));
    // When
    const text = readFileSync(manifestFile(dir), 'utf8');
    const read = readManifest<Sample>(dir, 'k');
    // Then: 7 photo fingerprints, each written once, in the story index and not in the manifest
    expect(text).not.toContain('media/3.jpg');
    expect(indexText(dir).split('media/3.jpg')).toHaveLength(2);
    expect(read.stories['stories/s-3.json']!.media[0]).toBe(read.stories['stories/s-10.json']!.media[0]);
    // A value many records repeat is written once and read back as one object.
    expect(indexText(dir).split('"slug":"s1"')).toHaveLength(2);
    expect(read.stories['stories/s-9.json']!.record.section).toBe(read.stories['stories/s-21.json']!.record.section);
  });

  it('appends only what changed, leaving the story index as it is, and reads the result as the changed manifest', () => {
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k'));
    const before = statSync(manifestFile(dir)).size;
    const [firstIndex] = indexFiles(dir);
    const manifest = readManifest(dir, 'k');
    // When: one story changed (with a new photo), one changed (same photo), one gone, one output rewritten, one gone
    const stories = { ...manifest.stories };
    stories['stories/s-1.json'] = { size: 99, mtimeMs: 1, media: [['media/new.jpg', 5, 5]], record: { id: 'changed', note: 'new' } };
    delete stories['stories/s-2.json'];
    // Changed, still showing a photo the index already holds.
    stories['stories/s-3.json'] = { ...stories['stories/s-3.json']!, size: 1000 };
    const outputs: CacheManifest<Sample>['outputs'] = { ...manifest.outputs, 'sections/a/archive/1/rss.xml': ['k-new', 1] };
    delete outputs['sections/a/archive/2/rss.xml'];
    Object.assign(manifest, { stories, outputs, nextPack: 9, checkpoints: [{ at: 2000, hash: 'h2', rest: 'r2', state: 's2', file: 'c2.json' }] });
    writeManifest(dir, manifest);
    // Then
    const appended = readFileSync(manifestFile(dir)).subarray(before).toString('utf8').trim().split('\n');
    expect(appended).toHaveLength(7); // header, 3 story lines, 2 output lines, end
    expect(indexFiles(dir)).toEqual([firstIndex]);
    expect(readManifest(dir, 'k')).toEqual(manifest);
  });

  it('writes a new story index once the story lines since it outnumber what a read may parse', () => {
    // Given: 100 stories, each build changing all of them
    const dir = tempDir();
    writeManifest(dir, sample('k', 100));
    const indexes = new Set(indexFiles(dir));
    let manifest = readManifest<Sample>(dir, 'k');
    for (let build = 0; build < 30; build += 1) {
      manifest = readManifest<Sample>(dir, 'k');
      manifest.stories = Object.fromEntries(Object.entries(manifest.stories).map(([path, story]) => [path, { ...story, size: build }]));
      writeManifest(dir, manifest);
      expect(indexFiles(dir)).toHaveLength(1);
      indexes.add(indexFiles(dir)[0]!);
    }
    // Then: a few indexes, not one a build, and the last one's stories with the lines since
    expect(indexes.size).toBeGreaterThan(1);
    expect(indexes.size).toBeLessThan(10);
    expect(readFileSync(manifestFile(dir), 'utf8').split('\n').filter((line) => line.startsWith('["s",')).length).toBeLessThanOrEqual(1010);
    expect(readManifest(dir, 'k')).toEqual(manifest);
  });

  it('starts afresh when the story index is missing or damaged, keeping the outputs to remove', () => {
    for (const damage of [(file: string) => rmSync(file), (file: string) => truncateSync(file, statSync(file).size - 3), (file: string) => writeFileSync(file, JSON.stringify({ paths: ['a'], size: [], mtime: [], media: [], mediaLists: [], fingerprints: [], fields: {} }))]) {
      // Given
      const dir = tempDir();
      const manifest = sample('k', 50);
      writeManifest(dir, manifest);
      // When
      damage(join(dir, indexFiles(dir)[0]!));
      // Then
      expect(readManifest(dir, 'k')).toEqual({ key: 'k', nextPack: 0, stories: {}, outputs: {}, checkpoints: [], formerOutputs: Object.keys(manifest.outputs) });
    }
  });

  it('reads the index its manifest names, not one a killed build wrote before its manifest, and removes that one at the next write', () => {
    // A build writes an index only when it rewrites the manifest: a killed one may leave it beside the last one.
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k', 50));
    const complete = readManifest<Sample>(dir, 'k');
    const [index] = indexFiles(dir);
    writeFileSync(join(dir, 'stories-killed.json'), indexText(dir).replace('"size":[0,', '"size":[7,'));
    // When
    const read = readManifest<Sample>(dir, 'k');
    // Then
    expect(read).toEqual(complete);
    // When
    read.stories = { ...read.stories, 'stories/s-0.json': { ...read.stories['stories/s-0.json']!, size: 1 } };
    writeManifest(dir, read);
    // Then
    expect(indexFiles(dir)).toEqual([index]);
    expect(readManifest(dir, 'k')).toEqual(read);
  });

  it('leaves the file alone when nothing changed, not even an empty segment', () => {
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k', 50));
    const before = readFileSync(manifestFile(dir));
    const index = indexFiles(dir);
    const manifest = readManifest<Sample>(dir, 'k');
    // When: a build that processed nothing reserved pack numbers, and kept every story and output
    Object.assign(manifest, { nextPack: manifest.nextPack + 2, stories: { ...manifest.stories }, outputs: { ...manifest.outputs } });
    writeManifest(dir, manifest);
    // Then
    expect(readFileSync(manifestFile(dir))).toEqual(before);
    expect(indexFiles(dir)).toEqual(index);
    // When: only the checkpoints changed
    manifest.checkpoints = [];
    writeManifest(dir, manifest);
    // Then: that is written
    expect(readManifest<Sample>(dir, 'k').checkpoints).toEqual([]);
  });

  it('ignores a segment a killed build left half-written, and cuts it off at the next write', () => {
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k', 50));
    const complete = readManifest(dir, 'k');
    appendFileSync(manifestFile(dir), `${JSON.stringify({ key: 'k', nextPack: 7, checkpoints: [], stories: indexFiles(dir)[0] })}\n${JSON.stringify(['-o', 'sections/a/archive/1/rss.xml'])}\n`);
    // When
    const read = readManifest(dir, 'k');
    read.outputs = { ...read.outputs, 'index.html': ['i', 3] };
    writeManifest(dir, read);
    // Then
    expect(read.stories).toEqual(complete.stories);
    expect(read.outputs).toEqual({ ...complete.outputs, 'index.html': ['i', 3] });
    expect(read.nextPack).toBe(3);
    expect(readManifest(dir, 'k')).toEqual(read);
    expect(readFileSync(manifestFile(dir), 'utf8')).not.toContain('"nextPack":7');
  });

  it('ignores a segment cut off in the middle of a line, but not a damaged line with more after it', () => {
    // Given
    const dir = tempDir();
    writeManifest(dir, sample('k', 50));
    const complete = readManifest<Sample>(dir, 'k');
    const whole = readFileSync(manifestFile(dir));
    // When: a killed build's segment ends halfway through a line
    appendFileSync(manifestFile(dir), `${JSON.stringify({ key: 'k', nextPack: 7, checkpoints: [], stories: indexFiles(dir)[0] })}\n["o","sections/a/archive/1/rss.xml",1,`);
    // Then
    expect(readManifest<Sample>(dir, 'k')).toEqual(complete);
    // When: a damaged line is followed by others
    writeFileSync(manifestFile(dir), Buffer.concat([whole.subarray(0, 200), Buffer.from('\n{oops\n'), whole.subarray(200)]));
    // Then: nothing in it is trusted
    expect(readManifest<Sample>(dir, 'k')).toEqual({ key: 'k', nextPack: 0, stories: {}, outputs: {}, checkpoints: [] });
  });

  it('rewrites the file whole once superseded lines outnumber live ones', () => {
    // Given: 10 outputs, each build changing all of them
    const dir = tempDir();
    let manifest = sample('k', 10);
    writeManifest(dir, manifest);
    const sizes: number[] = [];
    for (let build = 0; build < 400; build += 1) {
      manifest = readManifest(dir, 'k');
      const outputs = Object.fromEntries(Object.entries(manifest.outputs).map(([path, output]) => [path, [output[0], build]]));
      Object.assign(manifest, { outputs });
      writeManifest(dir, manifest);
      sizes.push(statSync(manifestFile(dir)).size);
    }
    // Then: the file shrank back at least once, and never grew past the bound
    expect(sizes.some((size, index) => index > 0 && size < sizes[index - 1]!)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThan(150_000);
    expect(readManifest(dir, 'k')).toEqual(manifest);
  });
});
