import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../support/build-content.js';
import { auditBidi, pageDirection } from './bidi-audit.js';
import { auditPage } from './html-audit.js';
import { build, contentWith } from './hostile-content.js';

const RLO = '\u202e';

/** A story whose every user-visible text opens a right-to-left override and never closes it. */
function overridingStory(uri: string, language: string): string {
  return JSON.stringify({
    uri,
    type: 'text',
    version: '1',
    firstCreated: '2024-05-01T09:00:00Z',
    versionCreated: '2024-05-01T09:00:00Z',
    pubStatus: 'usable',
    language,
    headlines: [{ role: 'main', value: `Headline \u2069${RLO}reversed` }],
    by: `Evil \u2069${RLO}Author`,
    copyrightHolder: `Credit ${RLO}holder`,
    subjects: [{ name: `Section \u2069${RLO}name` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>Body ${RLO}text</p>` }],
  });
}

function pagesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pagesUnder(path) : path.endsWith('.html') ? [path] : [];
  });
}

describe('bidi overrides in user text (build)', () => {
  let run: CliRun;
  const pageOf = (uri: string) => {
    const item = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; url: string }> }).items.find((i) => i.id === uri)!;
    return run.read(new URL(item.url).pathname);
  };
  beforeAll(async () => {
    run = await build(contentWith({ 'bidi-en.json': overridingStory('urn:test:bidi:en', 'en'), 'bidi-ar.json': overridingStory('urn:test:bidi:ar', 'ar') }));
  });

  it('keeps every override inside its own element on story, index and section pages', () => {
    expect(run.code).toBe(0);
    const pages = pagesUnder(run.outDir).map((path) => relative(run.outDir, path));
    expect(pages).toEqual(expect.arrayContaining(['index.html', expect.stringMatching(/^sections\/section-.*\/index\.html$/), expect.stringMatching(/^stories\//)]));
    for (const path of pages) {
      expect(auditBidi(run.read(path)), path).toEqual([]);
      expect(auditPage(run.read(path)), path).toEqual([]);
    }
  });

  it('lays out a story in Arabic right to left, and leaves the English site and story left to right', () => {
    expect(pageDirection(pageOf('urn:test:bidi:ar'))).toBe('rtl');
    expect(pageDirection(pageOf('urn:test:bidi:en'))).toBeUndefined();
    expect(pageDirection(run.read('index.html'))).toBeUndefined();
  });
});
