import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultCacheDir } from '../../adapters/fs-build-cache.js';
import type { ItemSink } from '../../core/outputs/item-sink.js';
import { build, correct, makeContent, tree } from '../../../test/support/stream-build-fixtures.js';
// The benchmark's generator: seed-like stories.
// @ts-expect-error plain ESM helper without types
import { seedLikeStory } from '../../../bench/generate-stories.mjs';

/** An extra output that reads whole items (body, photos) for every story, as a partner feed does. */
function itemDigest(): ItemSink {
  const lines: string[] = [];
  return {
    add: ({ item }) => void lines.push(`${item.story.id} ${item.story.version} ${item.story.bodyHtml.length} ${item.photos.length} ${item.story.published.toISOString()}`),
    finish: (emit) => emit({ path: 'item-digest.txt', body: lines.join('\n') }),
  };
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
    correct(content, 38, 'Corrected: a new headline');
    const warm = build(content, { outDir });
    const cold = build(content, { inMemory: true });
    expect(warm.errors).toEqual(cold.errors);
    expect(warm.summary).toEqual(cold.summary);
    expect(tree(outDir)).toEqual(tree(cold.outDir));
    expect(readFileSync(join(outDir, 'rss.xml'), 'utf8')).toContain('Corrected: a new headline');
    expect(statSync(untouched).mtimeMs).toBe(before);
  });

  it('names a section by its newest story: a new story spelling it otherwise renames every page, warm as cold', () => {
    // Given: a warm cache with checkpoints every 5 stories, and a section with archive pages
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 5 });
    const slug = readdirSync(join(outDir, 'sections')).find((folder) => existsSync(join(outDir, 'sections', folder, 'archive', '1')))!;
    const name = (JSON.parse(readFileSync(join(outDir, 'sections', slug, 'feed.json'), 'utf8')) as { title: string }).title.replace('wirefeed bench wire: ', '');
    // When: a newer story names that section in lower case (the same slug)
    writeFileSync(join(content, 'stories', 'story-000045.json'), JSON.stringify({ ...seedLikeStory(45), subjects: [{ name: name.toLowerCase() }] }));
    build(content, { outDir, checkpointEvery: 5 });
    const cold = build(content, { inMemory: true });
    // Then: the same files as a cold build, every page of the section titled by the new spelling
    expect(name).not.toBe(name.toLowerCase());
    expect(tree(outDir)).toEqual(tree(cold.outDir));
    const page1 = readFileSync(join(outDir, 'sections', slug, 'archive', '1', 'feed.json'), 'utf8');
    expect((JSON.parse(page1) as { title: string }).title).toBe(`wirefeed bench wire: ${name.toLowerCase()} (archive 1)`);
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

  it('writes again the outputs removed from folders the last build found complete and vouched for by their stamps', () => {
    // Given: a built site, and a build with nothing changed a minute later, which stamps the folders it found complete
    const content = makeContent();
    const { outDir } = build(content);
    const complete = tree(outDir);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    build(content, { outDir });
    const stamped = Object.keys(JSON.parse(readFileSync(join(defaultCacheDir(outDir), 'output-folders.json'), 'utf8')) as object);
    expect(stamped).toEqual(expect.arrayContaining(['', 'stories', 'archive/1']));
    // When: a story page, the main RSS feed and a whole archive folder are removed
    rmSync(join(outDir, 'stories', readdirSync(join(outDir, 'stories')).sort()[1]!));
    rmSync(join(outDir, 'rss.xml'));
    rmSync(join(outDir, 'archive', '1'), { recursive: true });
    build(content, { outDir });
    vi.restoreAllMocks();
    // Then
    expect(tree(outDir)).toEqual(complete);
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
