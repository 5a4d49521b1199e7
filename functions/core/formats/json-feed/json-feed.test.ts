import { describe, expect, it } from 'vitest';
import type { Story } from '../../story.js';
import { buildFeedItem } from '../../feed-item.js';
import { renderJsonFeedItem } from './json-feed.js';

const BASE = 'https://wire.example.org';
const story: Story = {
  id: 'urn:test:1', version: '1', title: 'Talks "end" \\ — ok', summary: 'Sum', bodyHtml: '<p class="x">Body</p>',
  authors: ['Ana'], categories: [{ name: 'Politics', slug: 'politics' }], status: 'usable', language: 'en',
  published: new Date('2024-05-01T09:30:00Z'), updated: new Date('2024-05-01T10:00:00Z'), source: 'test.json', photos: [],
};
const photo = { id: 'p', caption: 'Caption', credit: 'Agency', label: 'Caption', main: { url: `${BASE}/media/0123456789abcdef/a.jpg`, mimeType: 'image/jpeg', bytes: 5 } };

describe('renderJsonFeedItem', () => {
  it('is one object serialised whole, content_html after the title and before the summary', () => {
    // Given: an item with every optional member present.
    const item = buildFeedItem(story, { photos: [photo], copies: [] }, BASE);
    // When
    const json = renderJsonFeedItem(item);
    // Then: serialising the parsed object again gives the same text, so members and order are exact.
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(JSON.stringify(parsed)).toBe(json);
    expect(Object.keys(parsed)).toEqual(['id', 'url', 'title', 'content_html', 'summary', 'image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments']);
    expect(parsed.content_html).toBe(item.contentHtml);
    expect(parsed.title).toBe(story.title);
  });
});
