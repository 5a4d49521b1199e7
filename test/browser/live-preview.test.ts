import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** How long the open page may take to show a new story: the bound, as the test's wait. */
const SHOWN_WITHIN_MS = 3_000;

/** A story first published a minute ago, so the index lists it first. */
function freshStory(uri: string, headline: string): string {
  const at = new Date(Date.now() - 60_000).toISOString();
  return JSON.stringify({
    uri,
    type: 'text',
    version: '1',
    firstCreated: at,
    versionCreated: at,
    pubStatus: 'usable',
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Body.</p>' }],
  });
}

describe('npm start follows edits in an open browser page', () => {
  let content: string;
  let preview: PreviewProcess;
  let browser: Browser;
  beforeAll(async () => {
    content = mkdtempSync(join(tmpdir(), 'wirefeed-live-content-'));
    cpSync('content', content, { recursive: true });
    preview = await startPreview(content, mkdtempSync(join(tmpdir(), 'wirefeed-live-out-')));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    preview?.stop();
  });

  it('shows a story added while the index page is open, without a manual reload, under the CSP', async () => {
    // Given: the index page open on the sample stories
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${preview.base}/`);
    await expect.poll(() => page.locator('ul.stories li').count()).toBe(6);
    // When: a story file is added to the content folder
    writeFileSync(join(content, 'stories', 'live-added.json'), freshStory('urn:test:live:added', 'Added while the preview runs'));
    // Then: the open page shows its headline, reloaded by the preview itself
    await expect
      .poll(() => page.locator('ul.stories li a').allTextContents(), { timeout: SHOWN_WITHIN_MS, interval: 100 })
      .toContain('Added while the preview runs');
    // A file written in two steps may raise two rebuilds: the page may reload once more, and settles on seven
    await expect.poll(() => page.locator('ul.stories li').count(), { timeout: SHOWN_WITHIN_MS, interval: 100 }).toBe(7);
    expect(violations).toEqual([]);
  });
});
