import { describe, expect, it } from 'vitest';
import type { Story } from './story.js';
import { buildFeedItem } from './feed-item.js';
import { fitItem, renderItem } from './rendered-item.js';
import { ITEM_BYTE_BUDGET } from './feed-form.js';
import { renderPartnerItem } from './partners/partner-item.js';
import type { PartnerConfig } from './partners/partner-config.js';
import type { SiteConfig } from './site.js';
import { renderRssItem } from './formats/rss/rss-item.js';
import { renderAtomEntry } from './formats/atom/atom-entry.js';
import { renderJsonFeedItem } from './formats/json-feed/json-feed.js';

const BASE = 'https://wire.example.org';
const story: Story = {
  id: 'urn:test:1', version: '1', title: 'Zürich — “talks” & <more>', summary: 'Sum ✓ 😀', bodyHtml: '<p>Body é — 😀 &amp; "quotes"</p>',
  authors: ['Ana Núñez'], categories: [{ name: 'Política', slug: 'politica' }], status: 'usable', language: 'es',
  published: new Date('2024-05-01T09:30:00Z'), updated: new Date('2024-05-01T10:00:00Z'), source: 'test.json', photos: [],
};
const site: SiteConfig = { title: 'Wire', description: 'Wire', baseUrl: BASE, itemLimit: 10, hubs: [] };
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

describe('renderItem within the item budget (issue 20, finding 9)', () => {
  const huge = '&amp; '.repeat(50_000); // 300 kB of body, 500 kB escaped

  it('leaves a body out of every format when it would pass the budget: the summary and a link stand in', () => {
    // Given
    const item = buildFeedItem({ ...story, bodyHtml: `<p>${huge}</p>` }, { photos: [photo], copies: [] }, BASE);
    // When
    const rendered = renderItem(item);
    const fitted = fitItem(item);
    // Then: the fragments are the fitted form's, each format says the same, and the photos stay
    const standIn = `<p>Sum ✓ 😀</p>\n<p><a href="${item.link}">Zürich — “talks” &amp; &lt;more&gt;</a></p>`;
    expect(fitted.contentHtml).toBe(standIn);
    expect(fitted.photos).toEqual(item.photos);
    expect(rendered.rss).toBe(renderRssItem(fitted));
    expect(rendered.atom).toBe(renderAtomEntry(fitted));
    expect(rendered.json).toBe(renderJsonFeedItem(fitted));
    expect(rendered.bytes).toBeLessThanOrEqual(ITEM_BYTE_BUDGET);
    expect(rendered.image?.url).toBe(photo.main.url);
    // …while the item itself, which the story page renders, keeps its body
    expect(item.contentHtml).toContain(huge);
  });

  it('keeps a body that fits, however close to the budget', () => {
    const body = `<p>${'a'.repeat(ITEM_BYTE_BUDGET - 4096)}</p>`;
    const item = buildFeedItem({ ...story, bodyHtml: body }, { photos: [], copies: [] }, BASE);
    expect(fitItem(item)).toBe(item);
    expect(renderItem(item).rss).toContain(body.slice(3, 100));
  });

  it('makes a brief of an item whose photos or summary alone pass the budget: no photos, summary cut to 300 characters', () => {
    // Given: 50 photos with 8 kB captions (each caption is in the item several times)
    const photos = Array.from({ length: 50 }, (_, i) => ({ ...photo, id: `p${i}`, caption: `${i} ${'"&'.repeat(4000)}`, label: `${i} ${'"&'.repeat(4000)}` }));
    const item = buildFeedItem({ ...story, summary: 'word '.repeat(100_000) }, { photos, copies: [] }, BASE);
    // When
    const rendered = renderItem(item);
    const fitted = fitItem(item);
    // Then
    expect(fitted.photos).toEqual([]);
    expect(fitted.summaryText.length).toBeLessThanOrEqual(301);
    expect(fitted.summaryText.endsWith('…')).toBe(true);
    expect(rendered.rss).toBe(renderRssItem(fitted));
    expect(rendered.rss).not.toContain('media:content');
    expect(rendered.bytes).toBeLessThan(4096);
  });

  it('gives a partner feed the same form as the main feed', () => {
    const item = buildFeedItem({ ...story, bodyHtml: `<p>${huge}</p>` }, { photos: [photo], copies: [] }, BASE);
    const partner = renderPartnerItem(item, { name: 'gn', profile: 'google-news', content: 'full', itemLimit: 10 } satisfies PartnerConfig, site);
    expect(partner.checked.content).toBe(fitItem(item).contentHtml);
    expect(partner.xml).not.toContain('amp;amp;amp;');
  });
});
