import { describe, expect, it } from 'vitest';
import type { Story } from './story.js';
import { buildFeedItem } from './feed-item.js';
import { renderItem } from './rendered-item.js';
import { renderRssItem } from './render/rss.js';
import { renderAtomEntry } from './render/atom.js';
import { renderJsonFeedItem } from './render/json-feed.js';

const BASE = 'https://wire.example.org';
const story: Story = {
  id: 'urn:test:1', version: '1', title: 'Zürich — “talks” & <more>', summary: 'Sum ✓ 😀', bodyHtml: '<p>Body é — 😀 &amp; "quotes"</p>',
  authors: ['Ana Núñez'], categories: [{ name: 'Política', slug: 'politica' }], status: 'usable', language: 'es',
  published: new Date('2024-05-01T09:30:00Z'), updated: new Date('2024-05-01T10:00:00Z'), source: 'test.json', photos: [],
};
const photo = { id: 'p', caption: 'Caption — ✓', credit: 'Photo/Agency', label: 'Caption — ✓', main: { url: `${BASE}/media/0123456789abcdef/a.jpg`, mimeType: 'image/jpeg', bytes: 5 } };

describe('renderItem', () => {
  it('renders the same fragments as each format renders alone, and measures the largest in UTF-8 bytes', () => {
    // Given: an item whose texts need multi-byte UTF-8 and escaping.
    const item = buildFeedItem(story, { photos: [photo], copies: [] }, BASE);
    // When
    const rendered = renderItem(item);
    // Then: the shared escaped content changes no byte, and the size counts bytes, not characters.
    expect(rendered.rss).toBe(renderRssItem(item));
    expect(rendered.atom).toBe(renderAtomEntry(item));
    expect(rendered.json).toBe(renderJsonFeedItem(item));
    expect(rendered.bytes).toBe(Math.max(Buffer.byteLength(rendered.rss), Buffer.byteLength(rendered.atom), Buffer.byteLength(rendered.json)));
    expect(rendered.bytes).toBeGreaterThan(Math.max(rendered.rss.length, rendered.atom.length, rendered.json.length));
  });

  it('renders an item copied with other content from that content', () => {
    const item = { ...buildFeedItem(story, { photos: [photo], copies: [] }, BASE), contentHtml: '<p>Withdrawn — “sorry”</p>' };
    const rendered = renderItem(item);
    expect(rendered.rss).toBe(renderRssItem(item));
    expect(rendered.atom).toBe(renderAtomEntry(item));
    expect(rendered.json).toBe(renderJsonFeedItem(item));
    expect(rendered.json).toContain('Withdrawn');
  });

  it('keeps a summary-only RSS variant without a content element', () => {
    const item = buildFeedItem(story, { photos: [photo], copies: [] }, BASE);
    expect(renderRssItem(item, { fullText: false })).not.toContain('content:encoded');
  });
});
