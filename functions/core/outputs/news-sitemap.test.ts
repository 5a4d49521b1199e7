import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../feed-item.js';
import type { SiteFile } from '../site-file.js';
import type { RenderedItem } from '../rendered-item.js';
import type { Story } from '../story.js';
import { createNewsSitemapSink } from './news-sitemap-sink.js';
import { newsLanguage } from './news-sitemap.js';

const SITE = { title: 'Wire & Co', description: 'd', baseUrl: 'https://wire.example.org', language: 'en', itemLimit: 50, hubs: [] };
const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;

function entry(id: string, hoursAgo: number, language?: string) {
  const published = new Date(NOW.getTime() - hoursAgo * HOUR);
  const story = { id, source: `stories/${id}.json`, title: `Story ${id} <b>`, published, updated: published, ...(language && { language }) } as Story;
  const link = `https://wire.example.org/stories/${id}.html`;
  const item = { story, link } as FeedItem;
  return { item, rendered: { id, title: story.title, link, published: published.toISOString(), updated: published.toISOString() } as RenderedItem };
}

/** The sitemap's URLs with their news fields, read with a strict namespace-aware parser. */
function readSitemap(xml: string): Array<Record<string, string>> {
  const parser = new SaxesParser({ xmlns: true });
  const urls: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  let field = '';
  parser.on('opentag', (tag) => {
    if (tag.local === 'url' && tag.uri === 'http://www.sitemaps.org/schemas/sitemap/0.9') urls.push((current = {}));
    field = tag.uri === 'http://www.google.com/schemas/sitemap-news/0.9' || tag.local === 'loc' ? tag.local : '';
  });
  parser.on('text', (text) => {
    if (current && field) current[field] = (current[field] ?? '') + text;
  });
  parser.on('closetag', () => (field = ''));
  parser.write(xml).close();
  return urls;
}

function build(entries: ReturnType<typeof entry>[]): string {
  const files: SiteFile[] = [];
  const sink = createNewsSitemapSink(SITE, NOW);
  for (const e of entries) sink.add(e, (f) => files.push(f));
  sink.finish((f) => files.push(f));
  expect(files.map((f) => f.path)).toEqual(['news-sitemap.xml']);
  return files[0]!.body;
}

describe('Google News sitemap', () => {
  it('lists stories of the last two days, newest first, with publication, date and title', () => {
    const urls = readSitemap(build([entry('old', 48), entry('inside', 47.9, 'sv-SE'), entry('new', 1), entry('future', -1)]));
    expect(urls.map((u) => u.loc)).toEqual(['https://wire.example.org/stories/new.html', 'https://wire.example.org/stories/inside.html']);
    expect(urls[1]).toMatchObject({ name: 'Wire & Co', language: 'sv', title: 'Story inside <b>', publication_date: '2026-03-08T12:06:00Z' });
    expect(urls[0]!.language).toBe('en');
  });

  it('writes an empty urlset when nothing is recent, and at most 1,000 URLs', () => {
    expect(readSitemap(build([entry('old', 100)]))).toEqual([]);
    const many = Array.from({ length: 1005 }, (_, i) => entry(`s${i}`, 40 - i * 0.01));
    const urls = readSitemap(build(many));
    expect(urls).toHaveLength(1000);
    expect(urls[0]!.loc).toMatch(/\/s1004\.html$/);
  });

  it.each([['en-GB', 'en'], ['zh-Hant-TW', 'zh-tw'], ['zh-CN', 'zh-cn'], ['zh', 'zh-cn'], [undefined, 'und'], ['pt_BR', 'pt']])('maps %s to %s', (tag, code) => {
    expect(newsLanguage(tag)).toBe(code);
  });
});
