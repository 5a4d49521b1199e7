import { describe, expect, it } from 'vitest';
import type { Story } from './story.js';
import type { PublishedPhoto } from './media/published-photo.js';
import { buildFeedItem, contentParts } from './feed-item.js';

const BASE = 'https://wire.example.org';
const story = (bodyHtml: string): Story => ({
  id: 'urn:test:1', version: '1', title: 'T', summary: 'S', bodyHtml, authors: [], categories: [], status: 'usable',
  published: new Date(0), updated: new Date(0), source: 'test.json', photos: [],
});
const photo = (url: string): PublishedPhoto => ({ id: url, caption: 'C', label: 'C', main: { url, mimeType: 'image/jpeg' } });
const OWN = `${BASE}/media/0123456789abcdef/a.jpg`;
const EXTERNAL = 'https://img.example.net/b.jpg';
const media = { photos: [photo(OWN), photo(EXTERNAL)], copies: [{ source: 'media/a.jpg', target: 'media/0123456789abcdef/a.jpg', mimeType: 'image/jpeg' }] };

describe('buildFeedItem', () => {
  it('appends every photo to a body that never names the site', () => {
    const item = buildFeedItem(story('<p>Text</p>'), media, BASE);
    expect(item.contentHtml.match(/<figure>/g)).toHaveLength(2);
  });

  it('moves a body image to its published URL and does not show that photo twice', () => {
    // Given: the body shows the content file by its source path, as the sanitizer made it absolute.
    const item = buildFeedItem(story(`<p><img src="${BASE}/media/a.jpg" /></p>`), media, BASE);
    // Then: the body points at the content-versioned URL; only the other photo is appended.
    expect(item.contentHtml).toContain(`<img src="${OWN}" />`);
    expect(item.contentHtml.match(/<figure>/g)).toHaveLength(1);
  });

  it('sees an external photo the body already shows, though the body never names the site', () => {
    const item = buildFeedItem(story(`<p><img src="${EXTERNAL}" /></p>`), media, BASE);
    expect(item.contentHtml).not.toContain(`<img src="${EXTERNAL}" alt`);
    expect(item.contentHtml.match(/<figure>/g)).toHaveLength(1);
  });

  it('keeps the content in the parts it was made of: the body, then each figure around its dash', () => {
    // Given: photos with credits, so each figure's caption has a dash before the credit.
    const credited = { ...media, photos: media.photos.map((p) => ({ ...p, credit: 'Agency' })) };
    const item = buildFeedItem(story('<p>Text</p>'), credited, BASE);
    const parts = contentParts(item);
    expect(parts[0]).toBe('<p>Text</p>');
    expect(parts.filter((part) => part === ' — ')).toHaveLength(2);
    // The newlines between body and figures are parts of their own, so no long part holds one.
    expect(parts.filter((part) => part === '\n')).toHaveLength(2);
    expect(parts.filter((part) => part.length > 1 && part.includes('\n'))).toEqual([]);
    expect(parts.join('')).toBe(item.contentHtml);
    expect(item.contentHtml).toMatch(/^<p>Text<\/p>\n<figure>.*<\/figure>\n<figure>.*<\/figure>$/);
  });

  it('starts with the first figure when the body is empty', () => {
    const item = buildFeedItem(story(''), media, BASE);
    expect(contentParts(item)).toHaveLength(3);
    expect(item.contentHtml).toMatch(/^<figure>.*<\/figure>\n<figure>.*<\/figure>$/);
    expect(contentParts(item).join('')).toBe(item.contentHtml);
  });
});

describe('contentParts', () => {
  it('ignores parts of other content: an item given new content is one part', () => {
    // Given: an item whose content is replaced in place, and a copy with other content.
    const item = buildFeedItem(story('<p>Text</p>'), media, BASE);
    const withdrawn = { ...item, contentHtml: '<p>Withdrawn</p>' };
    const replaced = buildFeedItem(story('<p>Text</p>'), media, BASE);
    replaced.contentHtml = '<p>Corrected</p>';
    // Then: the stale parts of the original content are not used.
    expect(contentParts(withdrawn)).toEqual(['<p>Withdrawn</p>']);
    expect(contentParts(replaced)).toEqual(['<p>Corrected</p>']);
  });

  it('leaves the parts out of JSON, structured clones and copies', () => {
    const item = buildFeedItem(story('<p>Text</p>'), media, BASE);
    expect(JSON.parse(JSON.stringify(item))).not.toHaveProperty('contentParts');
    expect(structuredClone(item)).not.toHaveProperty('contentParts');
    expect({ ...item }).not.toHaveProperty('contentParts');
  });
});
