import { describe, expect, it } from 'vitest';
import { auditBidi, pageDirection } from '../../../test/hostile/bidi-audit.js';
import { attributesOf, auditPage, textsOf } from '../../../test/hostile/html-audit.js';
import { assembleFeed } from '../feed.js';
import { archiveFeed, feedFiles } from '../outputs/feed-set/feed-set-files.js';
import type { RenderedItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import { renderFeedPage } from './feed-page.js';
import { fragments } from '../../../test/support/format-fragments.js';
import { FORMATS } from '../formats/registry.js';

const FILE_NAMES = FORMATS.map((format) => format.fileName);

const RLO = '\u202e';
const SITE: SiteConfig = { title: 'Wire', description: 'News & more', baseUrl: 'https://wire.example.org', itemLimit: 50, hubs: [] };
const item = (n: number, overrides: Partial<RenderedItem> = {}): RenderedItem => ({
  id: `urn:test:${n}`, published: `2024-05-0${n}T09:0${n}:00.000Z`, updated: `2024-05-0${n}T09:0${n}:00.000Z`, title: `Story ${n}`,
  link: `https://wire.example.org/stories/story-${n}.html`, sections: [], ...fragments(), ...overrides,
});

describe('renderFeedPage', () => {
  // Given: a section feed whose newest item has a photo and a headline with a bidi override.
  const items = [
    item(2, { title: `Rates ${RLO}up & <b>down</b>`, image: { url: 'https://wire.example.org/media/ab/photo-small.jpg', alt: 'A "quoted" caption' } }),
    item(1),
  ];
  const feed = assembleFeed(SITE, 'sections/economy', { title: 'Wire: Economy', description: 'Economy — News' }, items);
  const html = renderFeedPage(feed, '../../');

  it('lists every item with its link, thumbnail and a date people read', () => {
    expect(textsOf(html, 'h1')).toEqual(['Wire: Economy']);
    expect(attributesOf(html, 'a', 'href')).toEqual(expect.arrayContaining(items.map((entry) => entry.link)));
    expect(textsOf(html, 'a')).toContain(`Rates ${RLO}up & <b>down</b>`);
    expect(attributesOf(html, 'img', 'src')).toEqual(['https://wire.example.org/media/ab/photo-small.jpg']);
    expect(attributesOf(html, 'img', 'alt')).toEqual(['A "quoted" caption']);
    expect(textsOf(html, 'time')).toEqual(['2 May 2024, 09:02 UTC', '1 May 2024, 09:01 UTC']);
    expect(attributesOf(html, 'time', 'datetime')).toEqual(['2024-05-02T09:02:00.000Z', '2024-05-01T09:01:00.000Z']);
  });

  it('gives the subscription address of every format, as links and for autodiscovery', () => {
    const urls = FILE_NAMES.map((name) => `https://wire.example.org/sections/economy/${name}`);
    expect(textsOf(html, 'code')).toEqual(urls);
    expect(attributesOf(html, 'link', 'href')).toEqual(['../../style.css', ...urls]);
    expect(attributesOf(html, 'link', 'type')).toEqual(FORMATS.map((format) => format.mediaType));
  });

  it('is a page like the others: strict-CSP safe, user text isolated, the site language', () => {
    expect(auditPage(html)).toEqual([]);
    expect(auditBidi(html)).toEqual([]);
    expect(html).toContain('<title>Wire: Economy (feed)</title>');
    expect(pageDirection(renderFeedPage({ ...feed, site: { ...SITE, language: 'ar' } }, '../../'))).toBe('rtl');
  });

  it('links an archive page to the pages beside it and to the latest', () => {
    const archive = archiveFeed(SITE, '', { title: 'Wire', description: 'News' }, 2, items, true);
    const page = renderFeedPage(archive, '../../');
    expect(attributesOf(page, 'a', 'href')).toEqual(expect.arrayContaining([
      'https://wire.example.org/archive/3/feed.html', 'https://wire.example.org/feed.html', 'https://wire.example.org/archive/1/feed.html',
    ]));
  });

  it('is written beside every feed set\'s feeds, with the way back to the site root', () => {
    const files = feedFiles('sections/economy/archive/4', feed);
    expect(files.map((file) => file.path)).toEqual([...FILE_NAMES, 'feed.html'].map((name) => `sections/economy/archive/4/${name}`));
    expect(attributesOf(files.at(-1)!.body as string, 'link', 'href')[0]).toBe('../../../../style.css');
    const front = feedFiles('', feed);
    expect(front.map((file) => file.path)).toEqual([...FILE_NAMES, 'feed.html']);
    expect(attributesOf(front.at(-1)!.body as string, 'a', 'href')[0]).toBe('./');
  });
});
