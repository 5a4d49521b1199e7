import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../support/build-content.js';
import { attributesOf, auditFeedHtml, auditPage, auditXsl, textsOf, visibleText } from './html-audit.js';
import { BASE, build, contentWith, corpusFile, corpusNames, publishedIds, SAMPLE_IDS } from './hostile-content.js';

const CASES = corpusNames('html').map((file) => file.replace(/\.json$/, ''));
const idOf = (name: string) => `urn:wirefeed:hostile:html:${name}`;

/** Every HTML body one story has in the published output, by where it was read from. */
interface Bodies {
  rss: string;
  atom: string;
  json: string;
  link: string;
}

describe('hostile HTML in bodies, captions and text fields (corpus/html)', () => {
  let run: CliRun;
  const bodies = new Map<string, Bodies>();

  beforeAll(async () => {
    // Given the samples plus every hostile-HTML story, When one build publishes them all
    run = await build(contentWith(Object.fromEntries(CASES.map((name) => [`${name}.json`, corpusFile('html', `${name}.json`)]))));
    const rss = parseRssFeed(run.read('rss.xml'));
    const atom = parseAtomFeed(run.read('atom.xml'));
    const json = JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; url: string; content_html: string }> };
    for (const name of CASES) {
      const id = idOf(name);
      const jsonItem = json.items.find((item) => item.id === id);
      bodies.set(name, {
        rss: rss.items?.find((item) => item.guid?.value === id)?.content?.encoded ?? '',
        atom: atom.entries?.find((entry) => entry.id === id)?.content?.value ?? '',
        json: jsonItem?.content_html ?? '',
        link: jsonItem?.url ?? '',
      });
    }
  });

  it('publishes every hostile story (sanitized, not refused) next to the samples, exit 0', () => {
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(publishedIds(run)).toEqual(expect.arrayContaining([...SAMPLE_IDS, ...CASES.map(idOf)]));
  });

  describe.each(CASES)('%s', (name) => {
    it('keeps the body text around the payload in RSS, Atom and JSON Feed alike', () => {
      const { rss, atom, json } = bodies.get(name)!;
      expect(visibleText(json)).toContain(`BEGIN-${name}`);
      // Three formats, one body: what one reader is protected from, every reader is.
      expect(rss).toBe(json);
      expect(atom).toBe(json);
    });

    it('leaves no forbidden element, attribute, scheme or relative URL in the feed HTML', () => {
      expect(auditFeedHtml(bodies.get(name)!.json, { baseUrl: BASE })).toEqual([]);
    });

    it('serves its story page under a strict CSP', () => {
      const path = new URL(bodies.get(name)!.link).pathname;
      expect(auditPage(run.read(path))).toEqual([]);
    });
  });

  it('makes links and images absolute, drops http images from elsewhere, keeps mailto', () => {
    const html = bodies.get('relative-links')!.json;
    expect(attributesOf(html, 'a', 'href')).toEqual([
      `${BASE}/about?a=1&b=2`,
      `${BASE}/other-story.html`,
      'https://cdn.example/x',
      `${BASE}/#top`,
      'mailto:desk@news.example',
    ]);
    // A site-relative image becomes absolute on the site; the plain-http one from elsewhere is dropped.
    expect(attributesOf(html, 'img', 'src')).toEqual([`${BASE}/media/vienna-talks/photo1-400.jpg`]);
  });

  it('keeps the allow-listed markup it is meant to carry', () => {
    const html = bodies.get('allowed-markup')!.json;
    for (const tag of ['h2', 'em', 'strong', 'br', 'ul', 'ol', 'li', 'blockquote', 'figure', 'img', 'figcaption', 'table', 'th', 'td']) {
      expect(textsOf(html, tag), tag).not.toHaveLength(0);
    }
    expect(attributesOf(html, 'blockquote', 'cite')).toEqual(['https://source.example/']);
    expect(attributesOf(html, 'ol', 'start')).toEqual(['3']);
  });

  it('shows markup in captions and credits as text: figcaption text and img alt equal the caption, nothing injected', () => {
    const html = bodies.get('caption-markup')!.json;
    const caption = `<script>alert('caption')</script><img src=x onerror=alert(1)> " onmouseover="alert(2)`;
    expect(textsOf(html, 'figcaption')[0]).toBe(`${caption} — <img src=x onerror=alert('credit')>`);
    expect(attributesOf(html, 'img', 'alt')[0]).toBe(caption);
    // An HTML caption is reduced to its text; its script's text and link vanish with the markup.
    expect(textsOf(html, 'figcaption')[1]).toBe('Bold caption <img src=x onerror=alert(4)> link');
    const rssItem = parseRssFeed(run.read('rss.xml')).items!.find((item) => item.guid?.value === idOf('caption-markup'))!;
    expect(rssItem.media?.contents?.[0]?.description?.value).toBe(caption);
  });

  it('shows markup in plain-text fields (title, byline, summary, subject, copyright) as text on pages and in feed HTML', () => {
    const html = bodies.get('plain-fields')!.json;
    expect(visibleText(html)).toContain(`<script>alert('plain body')</script>`);
    const page = run.read(new URL(bodies.get('plain-fields')!.link).pathname);
    expect(auditPage(page)).toEqual([]);
    expect(page).toContain('&lt;script&gt;alert(\'title\')&lt;/script&gt;');
    const json = JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; title: string; summary: string; authors: Array<{ name: string }> }> };
    const item = json.items.find((i) => i.id === idOf('plain-fields'))!;
    expect(item.title).toBe(`Hostile HTML: plain-fields <script>alert('title')</script>`);
    expect(item.summary).toBe(`<img src=x onerror=alert('summary')> & <b>not bold</b>`);
    expect(item.authors).toEqual([{ name: `<script>alert('byline')</script>` }]);
  });

  it('serves the index page and every story page under a strict CSP', () => {
    expect(auditPage(run.read('index.html'))).toEqual([]);
    const pages = readdirSync(join(run.outDir, 'stories'));
    expect(pages.length).toBeGreaterThanOrEqual(SAMPLE_IDS.length + CASES.length);
    for (const page of pages) expect(auditPage(run.read(`stories/${page}`)), page).toEqual([]);
  });

  it('ships a feed XSL view that prints feed text escaped and needs no inline script or style', () => {
    expect(run.read('rss.xml')).toContain('<?xml-stylesheet');
    expect(auditXsl(run.read('feed.xsl'))).toEqual([]);
  });
});
