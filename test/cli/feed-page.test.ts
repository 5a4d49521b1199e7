import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributesOf, textsOf } from '../hostile/html-audit.js';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** What Chromium sends when a person opens a link, and what feed readers send. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const READERS = {
  rss: 'application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, */*;q=0.1',
  json: 'application/feed+json, application/json;q=0.9',
  anything: '*/*',
};

describe('a feed opened in a browser in the preview (wirefeed preview)', () => {
  let preview: PreviewProcess;
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'wirefeed-feed-page-'));
    preview = await startPreview('content', out);
  });
  afterAll(() => preview?.stop());

  const get = (path: string, accept?: string) => fetch(`${preview.base}${path}`, { headers: accept === undefined ? {} : { accept } });

  it('answers Accept: text/html on rss.xml, atom.xml and feed.json with the feed page', async () => {
    const page = await (await get('/feed.html')).text();
    expect(textsOf(page, 'h1')).toEqual(['wirefeed sample wire']);
    for (const feed of ['/rss.xml', '/atom.xml', '/feed.json']) {
      const response = await get(feed, BROWSER);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('vary')).toBe('Accept');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await response.text()).toBe(page);
    }
    // The page the build wrote, with the site's links pointed at the preview: every story, its photo.
    const stories = parseRssFeed(readFileSync(join(out, 'rss.xml'), 'utf8')).items!;
    const links = attributesOf(page, 'a', 'href').filter((href) => href.startsWith(`${preview.base}/stories/`));
    expect(links).toEqual(stories.map((story) => story.link!.replace('https://wire.example.org', preview.base)));
    expect(attributesOf(page, 'time', 'datetime')).toHaveLength(stories.length);
    expect(attributesOf(page, 'img', 'src').every((src) => src.startsWith(`${preview.base}/media/`))).toBe(true);
  });

  it('answers a section feed with the section page of it', async () => {
    const response = await get('/sections/conflict-war-and-peace/atom.xml', BROWSER);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(textsOf(await response.text(), 'h1')).toEqual(['wirefeed sample wire: Conflict, war and peace']);
  });

  it('gives feed readers the feed bytes, marked Vary: Accept', async () => {
    for (const accept of [READERS.rss, READERS.json, READERS.anything, undefined]) {
      const rss = await get('/rss.xml', accept);
      expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      expect(rss.headers.get('vary')).toBe('Accept');
      expect(parseRssFeed(await rss.text()).items!.length).toBeGreaterThan(0);
      const atom = await get('/atom.xml', accept);
      expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect(parseAtomFeed(await atom.text()).entries!.length).toBeGreaterThan(0);
      const json = await get('/feed.json', accept);
      expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
      expect(parseJsonFeed(await json.json()).items!.length).toBeGreaterThan(0);
    }
  });
});
