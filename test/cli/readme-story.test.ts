import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('readme');
const README = readFileSync('README.md', 'utf8');

/** The first ```json block after the line that starts with `lead`, parsed: what a reader copies. */
function readmeJson(lead: string): Record<string, unknown> {
  const at = README.split('\n').findIndex((line) => line.startsWith(lead));
  expect(at, `README line starting "${lead}"`).toBeGreaterThanOrEqual(0);
  const rest = README.split('\n').slice(at).join('\n');
  const block = /```json\n([\s\S]*?)\n```/.exec(rest);
  return JSON.parse(block![1]!) as Record<string, unknown>;
}

/** A content folder as the README's "Content format" lays it out: its site.json and one story. */
function contentFolder(story: Record<string, unknown>): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'stories'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(readmeJson('`site.json`:')));
  writeFileSync(join(dir, 'stories', 'minimal.json'), JSON.stringify(story, null, 2));
  return dir;
}

describe("the README's minimal story builds as copied", () => {
  const minimal = readmeJson('A minimal story');

  it('publishes the minimal story (photos are optional): exit 0, in every feed', async () => {
    // Given
    const dir = contentFolder(minimal);
    // When
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    // Then
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(parseJsonFeed(JSON.parse(run.read('feed.json'))).items?.map((item) => item.id)).toEqual([minimal.uri]);
    expect(parseRssFeed(run.read('rss.xml')).items?.map((item) => item.title)).toEqual(['City council approves new budget']);
  });

  it('publishes it with the photo the README adds, whose files ship with the sample content', async () => {
    // Given: the story with the README's association, and the sample media it names
    const photo = readmeJson('A photo is a `picture` association');
    const dir = contentFolder({ ...minimal, ...photo });
    cpSync('content/media', join(dir, 'media'), { recursive: true });
    // When
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    // Then: one enclosure, the lead photo, and Media RSS
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const [item] = parseRssFeed(run.read('rss.xml')).items ?? [];
    expect(item?.enclosures).toHaveLength(1);
    expect(item?.enclosures?.[0]?.type).toBe('image/jpeg');
    expect(run.read('rss.xml')).toContain('<media:content');
  });
});
