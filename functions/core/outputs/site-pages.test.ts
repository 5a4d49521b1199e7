import { describe, expect, it } from 'vitest';
import { assembleFeed } from '../feed.js';
import { feedSetMeta } from '../feed-set-meta.js';
import type { RenderedItem } from '../rendered-item.js';
import { OPML_PATH } from '../pages/opml.js';
import { feedSetPages, frontPages, sectionFolder, sectionSlug } from './site-pages.js';
import { fragments } from '../../../test/support/format-fragments.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

const item = (n: number): RenderedItem => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, published: at, updated: at, title: `Story ${n}`, link: `https://x.example/${n}`, sections: [], ...fragments({ json: '{}' }) };
};

describe('site pages', () => {
  it('names a section folder and reads its slug back; the main feed set has none', () => {
    expect(sectionFolder('sport')).toBe('sections/sport');
    expect(sectionSlug(sectionFolder('sport'))).toBe('sport');
    expect(sectionSlug('')).toBeUndefined();
  });

  it("gives a section its own page fed with the section's feed, and the main feed set none", () => {
    const feed = assembleFeed(SITE, 'sections/sport', feedSetMeta(SITE, 'Sport'), [item(1)]);
    const pages = feedSetPages('sections/sport', feed);
    expect(pages.map((page) => page.path)).toEqual(['sections/sport/index.html']);
    expect(pages[0]!.body).toContain('Story 1');
    expect(pages[0]!.body).toContain('href="../../"');
    expect(feedSetPages('', assembleFeed(SITE, '', feedSetMeta(SITE, undefined), [item(1)]))).toEqual([]);
  });

  it('lists the main feed and every section by name, in slug order, on the front page and in the OPML list', () => {
    const main = assembleFeed(SITE, '', feedSetMeta(SITE, undefined), [item(2)]);
    const files = frontPages(SITE, main, { world: 'World', arts: 'Arts & Culture' });
    expect(files.map((file) => file.path)).toEqual(['index.html', OPML_PATH, 'feed.xsl', 'style.css']);
    const index = files[0]!.body;
    expect(index).toContain('Story 2');
    expect(index.indexOf('https://x.example/sections/arts/')).toBeGreaterThan(-1);
    expect(index.indexOf('https://x.example/sections/arts/')).toBeLessThan(index.indexOf('https://x.example/sections/world/'));
    const opml = files[1]!.body;
    expect(opml).toContain('title="T: Arts &amp; Culture" xmlUrl="https://x.example/sections/arts/rss.xml"');
    expect(opml).toContain('title="T: World" xmlUrl="https://x.example/sections/world/rss.xml"');
  });
});
