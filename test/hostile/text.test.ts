import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFeed as parseWithRowanmanning } from '@rowanmanning/feed-parser';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import RssParser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../support/build-content.js';
import { cleanedTitle } from './cleaned-title.js';
import { textsOf, visibleText } from './html-audit.js';
import { build, contentWith, corpusFile, corpusNames, publishedIds, SAMPLE_IDS } from './hostile-content.js';

const CASES = corpusNames('text').map((file) => file.replace(/\.json$/, ''));
const idOf = (name: string) => `urn:wirefeed:hostile:text:${name}`;

/** What each corpus title must read as once published. */
function expectedTitle(name: string): string {
  if (name === 'html-headline') return 'A & B <i> C 😀 é';
  const story = JSON.parse(corpusFile('text', `${name}.json`).toString('utf8')) as { headlines: Array<{ value: string }> };
  return cleanedTitle(story.headlines[0]!.value);
}

/** Decodes HTML character references only, as a browser would in text, leaving `<` alone. */
function decodeHtmlEntities(text: string): string {
  return visibleText(text.replace(/</g, '&lt;'));
}

/** Throws on the first well-formedness or namespace error. */
function assertWellFormed(xml: string, file: string): void {
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('hostile text in titles (corpus/text)', () => {
  let run: CliRun;
  /** Title per story id, as each independent reader returned it. */
  const read: Record<string, Map<string, string | undefined>> = {};

  beforeAll(async () => {
    run = await build(contentWith(Object.fromEntries(CASES.map((name) => [`${name}.json`, corpusFile('text', `${name}.json`)]))));
    const rss = run.read('rss.xml');
    const atom = run.read('atom.xml');
    const collect = (items: Array<{ id?: string; title?: string }>) => new Map(items.map((item) => [item.id ?? '', item.title]));
    read['feedsmith RSS'] = collect(parseRssFeed(rss).items!.map((i) => ({ id: i.guid?.value, title: i.title })));
    read['feedsmith Atom'] = collect(parseAtomFeed(atom).entries!.map((e) => ({ id: e.id, title: e.title?.value })));
    read['rss-parser RSS'] = collect((await new RssParser().parseString(rss)).items.map((i) => ({ id: i.guid, title: i.title })));
    read['rss-parser Atom'] = collect((await new RssParser().parseString(atom)).items.map((i) => ({ id: i.id as string, title: i.title })));
    read['@rowanmanning RSS'] = collect(parseWithRowanmanning(rss).items.map((i) => ({ id: i.id ?? undefined, title: i.title ?? undefined })));
    read['@rowanmanning Atom'] = collect(parseWithRowanmanning(atom).items.map((i) => ({ id: i.id ?? undefined, title: i.title ?? undefined })));
    read['JSON.parse JSON Feed'] = collect((JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; title: string }> }).items);
  });

  it('publishes every story next to the samples, exit 0', () => {
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(publishedIds(run)).toEqual(expect.arrayContaining([...SAMPLE_IDS, ...CASES.map(idOf)]));
  });

  it('writes every XML file namespace-well-formed and every JSON file parseable', () => {
    const files = filesUnder(run.outDir);
    expect(files.filter((f) => f.endsWith('.xml')).length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const name = relative(run.outDir, file);
      if (file.endsWith('.xml')) assertWellFormed(readFileSync(file, 'utf8'), name);
      if (file.endsWith('.json')) expect(() => JSON.parse(readFileSync(file, 'utf8')), name).not.toThrow();
    }
  });

  describe.each(CASES)('%s', (name) => {
    it('title round-trips through feedsmith, rss-parser, @rowanmanning/feed-parser and JSON.parse', () => {
      const expected = expectedTitle(name);
      expect(expected.length).toBeGreaterThan(0);
      const got = Object.fromEntries(Object.entries(read).map(([reader, titles]) => [reader, titles.get(idOf(name))]));
      // @rowanmanning/feed-parser decodes HTML entities in every title, Atom `type="text"` included (a
      // reader quirk wirefeed cannot avoid: after XML parsing `&amp;` text is indistinguishable).
      const want = (reader: string) => (reader.startsWith('@rowanmanning') ? decodeHtmlEntities(expected) : expected);
      expect(got).toEqual(Object.fromEntries(Object.keys(read).map((reader) => [reader, want(reader)])));
    });

    it('title shows as the same text on its page and the index', () => {
      const item = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; url: string }> }).items.find((i) => i.id === idOf(name))!;
      expect(textsOf(run.read(new URL(item.url).pathname), 'h1')).toEqual([expectedTitle(name)]);
      expect(textsOf(run.read('index.html'), 'a')).toContain(expectedTitle(name));
    });
  });
});
