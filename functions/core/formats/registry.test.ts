import { describe, expect, it } from 'vitest';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { SaxesParser } from 'saxes';
import { buildFeedItem } from '../feed-item.js';
import { assembleFeed, feedUrls } from '../feed.js';
import { contentTypeOf } from '../content-types.js';
import { feedFiles, archiveFeed } from '../outputs/feed-set/feed-set-files.js';
import { renderItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import type { Story } from '../story.js';
import { FORMATS, formatOfFile, type FormatId } from './registry.js';

const SITE: SiteConfig = { title: 'Wire', description: 'News & more', baseUrl: 'https://wire.example.org', itemLimit: 50, hubs: [] };
const story: Story = {
  id: 'urn:test:1', version: '1', title: 'Talks & "more"', summary: 'Sum', bodyHtml: '<p>Body &amp; more</p>',
  authors: ['Ana'], categories: [{ name: 'Politics', slug: 'politics' }], status: 'usable', language: 'en',
  published: new Date('2024-05-01T09:30:00Z'), updated: new Date('2024-05-01T10:00:00Z'), source: 'test.json', photos: [],
};

/**
 * Item ids and self link of a feed file of a built-in format, read with feedsmith (after saxes, for
 * the XML formats); undefined for another format, whose own folder's test reads its files.
 */
function readFeed(format: FormatId, body: string): { ids: string[]; self: string | undefined } | undefined {
  switch (format) {
    case 'json': {
      const feed = parseJsonFeed(JSON.parse(body));
      return { ids: (feed.items ?? []).map((item) => item.id!), self: feed.feed_url };
    }
    case 'atom': {
      new SaxesParser({ xmlns: true }).write(body).close();
      const feed = parseAtomFeed(body);
      return { ids: (feed.entries ?? []).map((entry) => entry.id!), self: feed.links?.find((link) => link.rel === 'self')?.href };
    }
    case 'rss': {
      new SaxesParser({ xmlns: true }).write(body).close();
      const feed = parseRssFeed(body);
      return { ids: (feed.items ?? []).map((item) => item.guid?.value ?? ''), self: feed.atom?.links?.find((link) => link.rel === 'self')?.href };
    }
    default:
      return undefined;
  }
}

const FEED_FILE_URL = new RegExp(`https://wire\\.example\\.org/(?:archive/\\d+/)?(${FORMATS.map((format) => format.fileName.replace('.', '\\.')).join('|')})`, 'g');

describe('the format registry', () => {
  it('names every format once: id, file name, media type and label', () => {
    for (const key of ['id', 'fileName', 'mediaType', 'label'] as const) {
      expect(new Set(FORMATS.map((format) => format[key])).size, key).toBe(FORMATS.length);
    }
  });

  it('gives every format its file, served with its media type, and its URL in a feed set', () => {
    const urls = feedUrls(SITE.baseUrl, 'sections/politics');
    for (const format of FORMATS) {
      expect(formatOfFile(format.fileName)).toBe(format);
      expect(contentTypeOf(`sections/politics/${format.fileName}`)).toBe(`${format.mediaType}; charset=utf-8`);
      expect(urls[format.id]).toBe(`https://wire.example.org/sections/politics/${format.fileName}`);
    }
  });

  it('writes a feed set as one file per registered format, each carrying the items and its own self URL', () => {
    // Given: one rendered story in a section feed
    const rendered = renderItem(buildFeedItem(story, { photos: [], copies: [] }, SITE.baseUrl));
    const feed = assembleFeed(SITE, 'sections/politics', { title: 'Wire: Politics', description: 'Politics' }, [rendered]);
    // When
    const files = feedFiles('sections/politics', feed);
    // Then: the registry's files in its order, then the HTML view
    expect(files.map((file) => file.path)).toEqual([...FORMATS.map((format) => `sections/politics/${format.fileName}`), 'sections/politics/feed.html']);
    for (const format of FORMATS) {
      const file = files.find((candidate) => candidate.path.endsWith(`/${format.fileName}`))!;
      expect(file.body).toContain(rendered[format.id]);
      expect(file.body).toContain(feed.urls[format.id]);
      const read = readFeed(format.id, file.body);
      if (read) expect(read).toEqual({ ids: ['urn:test:1'], self: feed.urls[format.id] });
    }
  });

  it('links an archive page to its neighbours in its own format', () => {
    // Given: archive page 2 of 3 of the main feed
    const rendered = renderItem(buildFeedItem(story, { photos: [], copies: [] }, SITE.baseUrl));
    const files = feedFiles('archive/2', archiveFeed(SITE, '', { title: 'Wire', description: 'News' }, 2, [rendered], true));
    for (const format of FORMATS) {
      const body = files.find((file) => file.path === `archive/2/${format.fileName}`)!.body;
      // Then: every feed file it links (self, current, prev-archive, next-archive) is one of this format
      const linked = [...body.matchAll(FEED_FILE_URL)].map((match) => match[1]);
      expect(linked.length, format.id).toBeGreaterThanOrEqual(3);
      expect(new Set(linked), format.id).toEqual(new Set([format.fileName]));
    }
  });
});
