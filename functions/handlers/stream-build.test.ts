import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild, type BuildOptions } from './build-command.js';
import { defaultCacheDir } from './stream-build.js';
import type { ItemSink } from '../core/outputs/item-sink.js';
// The benchmark's generator: seed-like stories with four photos each and varied sections.
// @ts-expect-error plain ESM helper without types
import { seedLikeStory, generateContent } from '../../bench/generate-stories.mjs';

const NOW = new Date('2026-01-01T00:00:00Z');

/** A content folder: generated stories plus the samples, one broken file, a duplicate and a take-down. */
function makeContent(): string {
  const dir = generateContent(40, { itemLimit: 7 }) as string;
  cpSync('content/stories', join(dir, 'stories'), { recursive: true });
  cpSync('content/media', join(dir, 'media'), { recursive: true });
  writeFileSync(join(dir, 'stories', 'broken.json'), '{"uri": ');
  writeFileSync(join(dir, 'stories', 'story-000003-copy.json'), JSON.stringify(seedLikeStory(3)));
  const killed = seedLikeStory(5);
  writeFileSync(join(dir, 'stories', 'story-000005.json'), JSON.stringify({ ...killed, version: '2', pubStatus: 'canceled', versionCreated: '2025-06-01T00:00:00Z' }));
  return dir;
}

/** Every file under a folder (but the cache) with its bytes. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !relative(dir, path).startsWith('.wirefeed-cache')) files.set(relative(dir, path), readFileSync(path, 'latin1'));
  }
  return files;
}

/** An extra output that reads whole items (body, photos) for every story, as a partner feed does. */
function itemDigest(): ItemSink {
  const lines: string[] = [];
  return {
    add: ({ item }) => void lines.push(`${item.story.id} ${item.story.version} ${item.story.bodyHtml.length} ${item.photos.length} ${item.story.published.toISOString()}`),
    finish: (emit) => emit({ path: 'item-digest.txt', body: lines.join('\n') }),
  };
}

function build(contentDir: string, options: Partial<BuildOptions> = {}, more: ItemSink[] = []) {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'wirefeed-stream-'));
  const errors: string[] = [];
  // runBuild adds the partner feeds and news sitemap site.json asks for; `more` are test outputs.
  const summary = runBuild({ contentDir, outDir, now: NOW, ...options }, { error: (line) => errors.push(line), info: () => undefined }, more);
  return { outDir, errors, summary: { published: summary.published, withheld: summary.withheld, files: summary.files, rejected: summary.rejected.length } };
}

describe('streaming build', () => {
  it('writes the same files, errors and summary as the in-memory buildSite, on workers and without', () => {
    const content = makeContent();
    const reference = build(content, { inMemory: true });
    expect(reference.errors.length).toBeGreaterThanOrEqual(2);
    expect(tree(reference.outDir).size).toBeGreaterThan(60);
    for (const workers of [0, 2]) {
      const streamed = build(content, { workers });
      expect(streamed.errors).toEqual(reference.errors);
      expect(streamed.summary).toEqual(reference.summary);
      expect(tree(streamed.outDir)).toEqual(tree(reference.outDir));
    }
  });

  it('after one story changed, a warm build equals a cold one and leaves unchanged pages alone', () => {
    const content = makeContent();
    const { outDir } = build(content);
    const untouched = join(outDir, 'stories', readdirSync(join(outDir, 'stories')).sort()[0]!);
    const before = statSync(untouched).mtimeMs;
    const changed = seedLikeStory(38);
    writeFileSync(join(content, 'stories', 'story-000038.json'), JSON.stringify({ ...changed, version: '2', headlines: [{ role: 'main', value: 'Corrected: a new headline' }] }));
    const warm = build(content, { outDir });
    const cold = build(content, { inMemory: true });
    expect(warm.errors).toEqual(cold.errors);
    expect(warm.summary).toEqual(cold.summary);
    expect(tree(outDir)).toEqual(tree(cold.outDir));
    expect(readFileSync(join(outDir, 'rss.xml'), 'utf8')).toContain('Corrected: a new headline');
    expect(statSync(untouched).mtimeMs).toBe(before);
  });

  it('writes again the outputs someone removed from the output folder, and nothing else', () => {
    // Given: a built site, then a story page, the main RSS feed and a whole archive folder removed
    const content = makeContent();
    const { outDir } = build(content);
    const complete = tree(outDir);
    const page = join('stories', readdirSync(join(outDir, 'stories')).sort()[1]!);
    const untouched = join(outDir, 'stories', readdirSync(join(outDir, 'stories')).sort()[0]!);
    const before = statSync(untouched).mtimeMs;
    rmSync(join(outDir, page));
    rmSync(join(outDir, 'rss.xml'));
    rmSync(join(outDir, 'archive', '1'), { recursive: true });
    // When
    build(content, { outDir });
    // Then
    expect(tree(outDir)).toEqual(complete);
    expect(statSync(untouched).mtimeMs).toBe(before);
  });

  it('after a build killed while writing outputs, writes every output again', () => {
    // Given: a built site whose RSS feed a killed build left different from what the manifest records
    const content = makeContent();
    const { outDir } = build(content);
    const complete = tree(outDir);
    writeFileSync(join(outDir, 'rss.xml'), 'left by a killed build');
    writeFileSync(join(defaultCacheDir(outDir), 'unfinished'), '');
    // When
    build(content, { outDir });
    // Then
    expect(tree(outDir)).toEqual(complete);
    expect(existsSync(join(defaultCacheDir(outDir), 'unfinished'))).toBe(false);
  });

  it('gives outputs that read whole items the same items, whether the pack keeps them (partners) or not', () => {
    for (const partners of [undefined, { gn: { profile: 'google-news', itemLimit: 5 } }]) {
      const content = makeContent();
      const site = JSON.parse(readFileSync(join(content, 'site.json'), 'utf8'));
      writeFileSync(join(content, 'site.json'), JSON.stringify({ ...site, ...(partners && { partners }) }));
      const reference = build(content, { inMemory: true }, [itemDigest()]);
      expect(readFileSync(join(reference.outDir, 'item-digest.txt'), 'utf8').split('\n').length).toBeGreaterThan(40);
      for (const workers of [0, 2]) {
        const streamed = build(content, { workers }, [itemDigest()]);
        expect(streamed.errors).toEqual(reference.errors);
        expect(tree(streamed.outDir)).toEqual(tree(reference.outDir));
      }
    }
  });
});
