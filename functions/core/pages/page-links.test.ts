import { describe, expect, it } from 'vitest';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { auditBidi } from '../../../test/hostile/bidi-audit.js';
import { auditPage } from '../../../test/hostile/html-audit.js';
import { assembleFeed } from '../feed.js';
import { buildFeedItem } from '../feed-item.js';
import { renderItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import type { Story } from '../story.js';
import { renderIndexPage } from './index-page.js';
import { renderStoryPage } from './story-page.js';
import { FORMATS } from '../formats/registry.js';

const FILE_NAMES = FORMATS.map((format) => format.fileName);

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const RLO = '\u202e';
const BASE = 'https://wire.example.org';
const SITE: SiteConfig = { title: 'Wire', description: 'News', baseUrl: BASE, itemLimit: 50, hubs: [] };
const story = (overrides: Partial<Story> = {}): Story => ({
  id: 'urn:test:1', version: '1', title: 'Council votes', summary: 'S', bodyHtml: '<p>Text</p>', authors: [], status: 'usable',
  published: new Date('2024-05-01T09:00:00Z'), updated: new Date('2024-05-01T09:00:00Z'), source: 'a.json', photos: [],
  categories: [{ name: 'Politics', slug: 'politics' }, { name: `Loc ${RLO}al`, slug: 'local' }, { name: 'Politics again', slug: 'politics' }],
  ...overrides,
});
const item = (overrides: Partial<Story> = {}) => buildFeedItem(story(overrides), { photos: [], copies: [] }, BASE);

/** Every `<a>` of a page, as (href, text) read by a WHATWG parser. */
function anchors(html: string): Array<{ href: string; text: string }> {
  const found: Array<{ href: string; text: string }> = [];
  const text = (node: Node): string => ('value' in node && node.nodeName === '#text' ? node.value : 'childNodes' in node ? node.childNodes.map(text).join('') : '');
  const walk = (node: Node) => {
    if ((node as Element).tagName === 'a') found.push({ href: (node as Element).attrs.find((a) => a.name === 'href')!.value, text: text(node) });
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  return found;
}

/** `<link rel="alternate">` hrefs in the head. */
function alternates(html: string): string[] {
  return [...html.matchAll(/<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)">/g)].map((match) => match[1]!);
}

describe('story page links', () => {
  it('links each of its sections once (page and feeds) and the site feeds', () => {
    // When
    const html = renderStoryPage(item(), SITE);
    const links = anchors(html).map(({ href }) => href);
    // Then: the section pages, each once, in the story's order
    expect(anchors(html).filter(({ href }) => href.endsWith('/') && href.includes('/sections/'))).toEqual([
      { href: `${BASE}/sections/politics/`, text: 'Politics' },
      { href: `${BASE}/sections/local/`, text: `Loc ${RLO}al` },
    ]);
    // …their feeds and the site's, and the OPML list
    for (const folder of ['', 'sections/politics/', 'sections/local/']) {
      for (const file of FILE_NAMES) expect(links).toContain(`${BASE}/${folder}${file}`);
    }
    expect(links).toContain('../feeds.opml');
    expect(alternates(html)).toEqual(FILE_NAMES.map((file) => `${BASE}/${file}`));
    // …with user text isolated and nothing a strict CSP would block
    expect(auditBidi(html)).toEqual([]);
    expect(auditPage(html)).toEqual([]);
  });

  it('lists no sections for a story without any, and still links the site feeds', () => {
    const html = renderStoryPage(item({ categories: [] }), SITE);
    expect(html).not.toContain('<h2>Sections</h2>');
    expect(anchors(html).map(({ href }) => href)).toEqual(['../', ...FILE_NAMES.map((file) => `${BASE}/${file}`), '../feeds.opml']);
  });
});

describe('index page links', () => {
  it("links each section's page, then its feeds", () => {
    // Given
    const rendered = renderItem(item());
    const main = assembleFeed(SITE, '', { title: SITE.title, description: SITE.description }, [rendered]);
    const sections = [
      { title: `Loc ${RLO}al`, feed: assembleFeed(SITE, 'sections/local', { title: 'Wire: Local', description: '' }, [rendered]) },
      { title: 'Politics', feed: assembleFeed(SITE, 'sections/politics', { title: 'Wire: Politics', description: '' }, [rendered]) },
    ];
    // When
    const html = renderIndexPage(main, sections);
    // Then
    const links = anchors(html);
    expect(links.filter(({ href }) => href.startsWith(`${BASE}/sections/`))).toEqual([
      { href: `${BASE}/sections/local/`, text: `Loc ${RLO}al` },
      ...FORMATS.map((format) => ({ href: `${BASE}/sections/local/${format.fileName}`, text: format.label })),
      { href: `${BASE}/sections/politics/`, text: 'Politics' },
      ...FORMATS.map((format) => ({ href: `${BASE}/sections/politics/${format.fileName}`, text: format.label })),
    ]);
    expect(auditBidi(html)).toEqual([]);
    expect(auditPage(html)).toEqual([]);
  });
});
