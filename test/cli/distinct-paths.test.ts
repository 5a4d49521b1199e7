import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeManifest } from '../../functions/adapters/cache-manifest.js';
import { defaultCacheDir } from '../../functions/adapters/fs-build-cache.js';
import { runCli, type CliRun } from '../support/build-content.js';
import { COLLIDING, COLLIDING_PHOTOS, COLLIDING_SUBJECTS, collidingStory } from '../support/colliding-stories.js';
import { tempDirs } from '../support/temp-dirs.js';

const BASE = 'https://wire.example.org';
const tempDir = tempDirs('distinct-paths');

type JsonFeed = { title: string; items: Array<{ id: string; url: string; title: string; image?: string }> };

/** A content folder holding the two colliding stories and their photos. */
function collidingContent(): string {
  const content = tempDir();
  mkdirSync(join(content, 'stories'));
  COLLIDING.forEach((story, index) => {
    mkdirSync(join(content, story.photo, '..'), { recursive: true });
    copyFileSync(COLLIDING_PHOTOS[index]!, join(content, story.photo));
    writeFileSync(join(content, 'stories', `${story.file}.json`), JSON.stringify(collidingStory(index as 0 | 1)));
  });
  writeFileSync(join(content, 'site.json'), JSON.stringify({ title: 'Wire', description: 'Test wire', baseUrl: BASE, language: 'en' }));
  return content;
}

const feedOf = (run: CliRun, folder = ''): JsonFeed => JSON.parse(run.read(`${folder}feed.json`)) as JsonFeed;
const sitePath = (url: string) => decodeURI(new URL(url).pathname.slice(1));

describe('wirefeed build with uris and subjects the former rules merged', () => {
  it('gives each story its own page and photo, each subject its own section, titled by its name', async () => {
    // Given
    const content = collidingContent();
    // When
    const run = await runCli(['build', '--content', content, '--out', '$OUT'], tempDir());
    // Then: both stories, each with its own page holding its own headline
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const items = feedOf(run).items;
    expect(items.map((item) => item.id).sort()).toEqual(COLLIDING.map((story) => story.uri).sort());
    expect(readdirSync(join(run.outDir, 'stories'))).toHaveLength(2);
    for (const story of COLLIDING) {
      const item = items.find((candidate) => candidate.id === story.uri)!;
      expect(run.read(sitePath(item.url))).toContain(story.headline);
      expect(readFileSync(join(run.outDir, sitePath(item.image!)))).toEqual(readFileSync(COLLIDING_PHOTOS[COLLIDING.indexOf(story)]!));
    }
    // And: one section per distinct subject, titled by the subject's name, holding its story alone
    const sections = readdirSync(join(run.outDir, 'sections'));
    expect(sections).toHaveLength(COLLIDING_SUBJECTS.length);
    const found = sections.map((slug) => {
      const feed = feedOf(run, `sections/${slug}/`);
      return [feed.title.slice('Wire: '.length), feed.items.map((item) => item.id)];
    });
    expect(found.sort()).toEqual(COLLIDING_SUBJECTS.map(([name, uri]) => [name, [uri]]).sort());
  });

  it('writes the same paths on the next build: nothing moves, nothing is left behind', async () => {
    // Given
    const content = collidingContent();
    const first = await runCli(['build', '--content', content, '--out', '$OUT'], tempDir());
    const paths = (run: CliRun) => readdirSync(run.outDir, { recursive: true }).map(String).sort();
    // When: built again from scratch, and again over the first output
    const fresh = await runCli(['build', '--content', content, '--out', '$OUT'], tempDir());
    const again = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
    // Then
    expect(paths(fresh)).toEqual(paths(first));
    expect(paths(again)).toEqual(paths(first));
    expect(existsSync(join(first.outDir, 'sections', 'c', 'feed.json'))).toBe(true);
  });

  it('removes the pages and sections an earlier wirefeed wrote at former paths', async () => {
    // Given: an output folder as a build of an earlier renderer left it, its cache naming what it wrote
    const content = collidingContent();
    const outDir = tempDir();
    const former = ['stories/article-5916faeb.html', 'sections/c/feed.json', 'sections/c/index.html', 'sections/c-old/feed.json'];
    for (const path of former) {
      mkdirSync(join(outDir, path, '..'), { recursive: true });
      writeFileSync(join(outDir, path), 'written by an earlier renderer');
    }
    mkdirSync(defaultCacheDir(outDir), { recursive: true });
    writeManifest(defaultCacheDir(outDir), { key: 'an earlier renderer', nextPack: 1, stories: {}, outputs: Object.fromEntries(former.map((path) => [path, ['=0:0:1', 30]])), checkpoints: [] });
    // When
    const run = await runCli(['build', '--content', content, '--out', '$OUT'], outDir);
    // Then: what this build did not write again is gone; what it wrote (sections/c) is its own
    expect(run.code).toBe(0);
    expect(readdirSync(join(outDir, 'stories'))).toHaveLength(2);
    expect(existsSync(join(outDir, 'stories', 'article-5916faeb.html'))).toBe(false);
    expect(existsSync(join(outDir, 'sections', 'c-old'))).toBe(false);
    expect(feedOf(run, 'sections/c/').items.map((item) => item.id)).toEqual([COLLIDING[1].uri]);
    expect(readdirSync(join(outDir, 'sections'))).toHaveLength(COLLIDING_SUBJECTS.length);
  });
});
