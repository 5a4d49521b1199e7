import { describe, expect, it } from 'vitest';
import { assembleFeed } from '../feed.js';
import { feedSetMeta } from '../feed-set-meta.js';
import type { RenderedItem } from '../rendered-item.js';
import { OPML_PATH } from '../pages/opml.js';
import { feedSetPages, frontPages, pagesReached, sectionFolder, sectionSlug, withSections } from './site-pages.js';
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

  it('renders the front files with the main feed set only, the one step that asks for the section names', () => {
    // Given: each feed set's pages, counting the asks for the names
    const reached = (folder: string) => {
      const step = pagesReached(SITE, folder, assembleFeed(SITE, folder, feedSetMeta(SITE, folder ? 'Sport' : undefined), [item(3)]));
      let asked = 0;
      let next = step.next();
      while (!next.done) {
        asked += 1;
        next = step.next({ sport: 'Sport' });
      }
      return { paths: next.value.map((file) => file.path), asked };
    };
    // Then: a section reaches its own page and never asks; the main feed set asks once for the front files
    expect(reached(sectionFolder('sport'))).toEqual({ paths: ['sections/sport/index.html'], asked: 0 });
    expect(reached('')).toEqual({ paths: ['index.html', OPML_PATH, 'feed.xsl', 'style.css'], asked: 1 });
  });

  it('answers the asks of a step with names known beforehand', () => {
    const main = assembleFeed(SITE, '', feedSetMeta(SITE, undefined), [item(4)]);
    expect(withSections(pagesReached(SITE, '', main), { sport: 'Sport' })).toEqual(frontPages(SITE, main, { sport: 'Sport' }));
  });
});
