/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { LONG_SUMMARY, storyWithSummary, TRICKY_SUMMARY } from '../support/feed-view.js';
import { buildFeedItem } from '../../functions/core/feed-item.js';
import { renderStoryPage } from '../../functions/core/pages/story-page.js';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** Debian's chromium package; `.ci/run` installs it. A missing browser fails the run, never skips it. */
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots are kept here for a person to look at (CI artefact, git-ignored). */
const SCREENSHOTS = 'test-output/screenshots';

describe('the human view in headless Chromium', () => {
  let preview: PreviewProcess;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install the Debian package "chromium" (see .ci/run)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    preview = await startPreview('content', mkdtempSync(join(tmpdir(), 'wirefeed-browser-')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
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

  it('opens rss.xml and atom.xml as readable pages through the XSL stylesheet', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${preview.base}/${feed}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('wirefeed sample wire');
      expect(await page.locator('ul.stories li').count()).toBe(6);
      const widths = await page.locator('ul.stories img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
      expect(widths.length).toBeGreaterThan(0);
      expect(widths.every((width) => width > 0)).toBe(true);
      // Chromium injects its own XSLT deprecation banner with inline styles and handlers, which our
      // CSP blocks; so check that nothing of ours was refused and that our markup has nothing inline.
      expect(violations.filter((text) => !/^(Applying inline style|Executing inline event handler)/.test(text))).toEqual([]);
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((element) => !element.closest('xslt-warning-banner'))
          .filter((element) => element.tagName === 'SCRIPT' || element.hasAttribute('style') || [...element.attributes].some((a) => a.name.startsWith('on')))
          .map((element) => element.outerHTML.slice(0, 80)),
      );
      expect(inline).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${feed}.png`), fullPage: true });
    }
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
