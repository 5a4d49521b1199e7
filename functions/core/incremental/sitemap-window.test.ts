import { describe, expect, it } from 'vitest';
import { applySitemapChange, type SitemapEntry } from './sitemap-window.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const entry = (id: string, hoursAgo: number): SitemapEntry => ({ source: `s-${id}`, id, link: `https://x.example/${id}`, title: id, published: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString() });

describe('applySitemapChange', () => {
  it('keeps the last two days newest first, replaces a story by source and prunes what aged out', () => {
    let window = applySitemapChange({ entries: [entry('old', 47), entry('mid', 10)] }, 's-new', entry('new', 1), NOW);
    expect(window.entries.map((e) => e.id)).toEqual(['new', 'mid', 'old']);
    window = applySitemapChange(window, 's-mid', undefined, new Date(NOW.getTime() + 2 * 3_600_000));
    expect(window.entries.map((e) => e.id)).toEqual(['new']);
    expect(applySitemapChange(window, 's-future', entry('future', -1), NOW).entries.map((e) => e.id)).toEqual(['new']);
  });
});
