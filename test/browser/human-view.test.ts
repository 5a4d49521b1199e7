/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { LONG_SUMMARY, storyWithSummary, TRICKY_SUMMARY } from '../support/feed-view.js';
import { buildFeedItem } from '../../functions/core/feed-item.js';
import { renderStoryPage } from '../../functions/core/pages/story-page.js';
import { launchChromium } from '../support/chromium.js';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** Screenshots of the index, a section page, a story page and feed pages, for a person to look at (CI artefact, git-ignored). */
const SCREENSHOTS = 'test-output/screenshots';

describe('the human view in headless Chromium', () => {
  let preview: PreviewProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    console.log(`screenshots: ${resolve(SCREENSHOTS)}`);
    preview = await startPreview('content', mkdtempSync(join(tmpdir(), 'wirefeed-browser-')));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    preview?.stop();
  });

  it('renders the index page with story titles and loaded photos, under the strict CSP', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${preview.base}/`);
    await expect.poll(() => page.locator('ul.stories li').count()).toBe(6);
    expect(await page.locator('ul.stories li a').first().textContent()).toBe('Militärövning i jätteformat hålls 2023');
    const loaded = await page.locator('ul.stories img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((width) => width > 0)).toBe(true);
    // The stylesheet applied: the story list has no bullets.
    expect(await page.locator('ul.stories').evaluate((list) => getComputedStyle(list).listStyleType)).toBe('none');
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'index.png'), fullPage: true });
  });

  it('opens rss.xml, atom.xml and feed.json as the feed\'s HTML page: no XSLT banner, no raw XML', async () => {
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json', 'sections/conflict-war-and-peace/rss.xml']) {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // When: a person opens the feed's link (Chromium sends its own navigation Accept header).
      const response = await page.goto(`${preview.base}/${feed}`);
      // Then: what the browser shows is our HTML page, not the feed, raw or through XSLT.
      expect(response!.headers()['content-type']).toBe('text/html; charset=utf-8');
      const shown = await page.evaluate(() => ({
        contentType: document.contentType,
        root: document.documentElement.localName,
        xsltBanner: document.querySelectorAll('xslt-warning-banner').length,
        processingInstructions: [...document.childNodes].filter((node) => node.nodeType === Node.PROCESSING_INSTRUCTION_NODE).length,
        stylesheet: [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/style.css')),
      }));
      expect(shown).toEqual({ contentType: 'text/html', root: 'html', xsltBanner: 0, processingInstructions: 0, stylesheet: true });
      expect(await page.locator('body').innerText()).not.toMatch(/<\?xml|<rss|<feed|"version": "https:\/\/jsonfeed/);
      expect(await page.locator('h1').textContent()).toMatch(/^wirefeed sample wire/);
      // Every story with a loaded thumbnail and a date for people; the three addresses to subscribe.
      const count = await page.locator('ul.stories li').count();
      expect(count).toBeGreaterThan(0);
      expect(await page.locator('ul.stories time').count()).toBe(count);
      expect(await page.locator('ul.stories time').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/);
      const widths = await page.locator('ul.stories img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
      expect(widths.length).toBeGreaterThan(0);
      expect(widths.every((width) => width > 0)).toBe(true);
      expect(await page.locator('ul.subscribe code').allTextContents()).toEqual(['rss.xml', 'atom.xml', 'feed.json'].map((name) => `${preview.base}/${feed.replace(/[^/]+$/, '')}${name}`));
      expect(violations).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `feed-page-${feed.replaceAll('/', '-')}.png`), fullPage: true });
    }
  });

  it('shows a section page', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.base}/sections/conflict-war-and-peace/`);
    expect(await page.evaluate(() => document.contentType)).toBe('text/html');
    expect(await page.locator('h1').textContent()).toBe('wirefeed sample wire: Conflict, war and peace');
    expect(await page.locator('ul.stories li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'section.png'), fullPage: true });
  });

  it('shows an RSS summary with & and markup-like text exactly as the Atom view does', async () => {
    // Given: the samples and two stories with tricky summaries, served at an origin the page routes.
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-browser-view-'));
    cpSync('content', content, { recursive: true });
    writeFileSync(join(content, 'stories', 'tricky.json'), storyWithSummary('urn:test:view:tricky', 'Tricky summary', TRICKY_SUMMARY));
    writeFileSync(join(content, 'stories', 'long.json'), storyWithSummary('urn:test:view:long', 'Long summary', LONG_SUMMARY));
    const origin = 'https://view.example.org';
    const { outDir } = await runCli(['build', '--content', content, '--out', '$OUT', '--base-url', origin]);
    const shown: Record<string, Array<{ title: string; summary: string }>> = {};
    for (const feed of ['rss.xml', 'atom.xml']) {
      const page = await browser.newPage();
      await page.route(`${origin}/**`, (route) => {
        const path = new URL(route.request().url()).pathname.slice(1);
        if (!['rss.xml', 'atom.xml', 'feed.xsl'].includes(path)) return route.fulfill({ status: 404 });
        return route.fulfill({ contentType: 'application/xml', body: readFileSync(join(outDir, path)) });
      });
      // When
      await page.goto(`${origin}/${feed}`);
      await expect.poll(() => page.locator('ul.stories li').count()).toBe(8);
      shown[feed] = await page.locator('ul.stories li').evaluateAll((items) =>
        items.map((li) => ({ title: li.querySelector('a')!.textContent!, summary: li.querySelector('p')!.textContent! })),
      );
    }
    // Then
    expect(shown['rss.xml']!.find((item) => item.title === 'Tricky summary')?.summary).toBe(TRICKY_SUMMARY);
    expect(shown['rss.xml']!.find((item) => item.title === 'Long summary')?.summary).toBe(LONG_SUMMARY);
    expect(shown['rss.xml']).toEqual(shown['atom.xml']);
  });

  it('keeps a byline\'s bidi override, even after a stray PDI, from reversing the date', async () => {
    // Given: bylines that open a right-to-left override, one after a PDI that closes nothing.
    const site = { title: 'Wire', description: 'News', baseUrl: 'https://wire.example.org', itemLimit: 50, hubs: [] };
    const published = new Date('2024-05-01T09:00:00Z');
    const authors = ['Evil \u202eAuthor', 'Stray \u2069\u202ePDI'];
    const story = { id: 'urn:test:bidi', version: '1', title: 'T', bodyHtml: '<p>B</p>', authors, categories: [], status: 'usable' as const, published, updated: published, source: 'a.json', photos: [] };
    const page = await browser.newPage();
    // When: the page as a browser lays it out.
    await page.setContent(renderStoryPage(buildFeedItem(story, { photos: [], copies: [] }, site.baseUrl), site));
    // Then: the date's first character is still left of its last.
    const reversed = await page.locator('time').evaluate((time) => {
      const text = time.firstChild!;
      const left = (index: number) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect().left;
      };
      return left(0) > left(text.textContent!.length - 1);
    });
    expect(reversed).toBe(false);
  });

  it('shows a story page with all four seed photos and their captions', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.base}/`);
    await page.getByRole('link', { name: /Vienna talks on Syria/ }).click();
    await expect.poll(() => page.locator('article figure').count()).toBe(4);
    expect(await page.locator('article figcaption').first().textContent()).toMatch(/— Xinhua\/Liu Xiang$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'story.png'), fullPage: true });
  });
});
