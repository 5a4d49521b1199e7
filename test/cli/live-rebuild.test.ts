import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** A story as a newsroom adds one; `headline` empty makes it one the build rejects. */
function story(uri: string, headline: string): string {
  const at = '2024-05-01T09:00:00Z';
  return JSON.stringify({ uri, type: 'text', version: '1', firstCreated: at, versionCreated: at, headlines: [{ role: 'main', value: headline }], bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Body.</p>' }] });
}

/** The lines printed after the preview's URL line: what the rebuilds printed. */
function afterStart(preview: PreviewProcess): string[] {
  const lines = preview.printed().split('\n').slice(0, -1);
  return lines.slice(lines.findIndex((line) => line.startsWith('preview at ')) + 1);
}

describe('wirefeed preview rebuilds on every change to the content folder', () => {
  let content: string;
  let out: string;
  let preview: PreviewProcess;
  beforeAll(async () => {
    content = mkdtempSync(join(tmpdir(), 'wirefeed-rebuild-content-'));
    cpSync('content', content, { recursive: true });
    out = mkdtempSync(join(tmpdir(), 'wirefeed-rebuild-out-'));
    preview = await startPreview(content, out);
  });
  afterAll(() => preview?.stop());

  it('prints one line per rebuild, and a rejected story\'s error lines under it', async () => {
    // When: a good story is added
    writeFileSync(join(content, 'stories', 'added.json'), story('urn:test:rebuild:added', 'Added story'));
    // Then: one line for its rebuild, and nothing else (no partner lines again)
    await expect.poll(() => afterStart(preview), { timeout: 10_000 }).toHaveLength(1);
    expect(afterStart(preview)[0]).toMatch(/^rebuilt in \d+ ms: 7 stories published, 0 rejected$/);
    // And the site was rebuilt: the feed on disk and on the server carries the story
    expect(readFileSync(join(out, 'rss.xml'), 'utf8')).toContain('<title>Added story</title>');
    expect(await (await fetch(`${preview.base}/rss.xml`)).text()).toContain('<title>Added story</title>');
    // And the reload script is the preview's own: in the pages it serves, never in the built files
    const served = await fetch(`${preview.base}/`);
    expect(await served.text()).toContain('<script src="/_wirefeed/reload.js"');
    expect(served.headers.get('content-security-policy')).toMatch(/script-src 'self'; connect-src 'self'$/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('_wirefeed');

    // When: a story without a headline is added
    writeFileSync(join(content, 'stories', 'headless.json'), story('urn:test:rebuild:headless', ''));
    // Then: its rebuild's line, then the error naming the file and what is wrong
    await expect.poll(() => afterStart(preview).length, { timeout: 10_000 }).toBeGreaterThan(1);
    const [first, second, ...errors] = afterStart(preview);
    expect(first).toMatch(/^rebuilt in \d+ ms: 7 stories published, 0 rejected$/);
    expect(second).toMatch(/^rebuilt in \d+ ms: 7 stories published, 1 rejected$/);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((line) => line.startsWith(`error: ${join(content, 'stories', 'headless.json')}: `))).toBe(true);
    expect(errors.some((line) => line.includes('/headlines'))).toBe(true);
  });

  it('rebuilds when site.json changes, and reports a broken one without stopping', async () => {
    // Given the lines so far
    const before = afterStart(preview).length;
    // When: site.json is broken
    const site = readFileSync(join(content, 'site.json'), 'utf8');
    writeFileSync(join(content, 'site.json'), '{ "title": ');
    // Then: one failed-rebuild line, with the error under it, and the last build still served
    await expect.poll(() => afterStart(preview).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
    const [failed, error] = afterStart(preview).slice(before);
    expect(failed).toMatch(/^rebuild failed after \d+ ms, still serving the last build$/);
    expect(error).toMatch(/^error: .*site\.json/);
    expect((await fetch(`${preview.base}/rss.xml`)).status).toBe(200);
    // When: it is put back, Then the next rebuild succeeds (the headless story is still rejected)
    writeFileSync(join(content, 'site.json'), site);
    await expect.poll(() => afterStart(preview).filter((line) => !line.startsWith('error: ')).at(-1), { timeout: 10_000 }).toMatch(/^rebuilt in \d+ ms: 7 stories published, 1 rejected$/);
  });
});

describe('wirefeed preview on Ctrl+C', () => {
  it('ends the open event streams, closes the watcher and exits 130', async () => {
    // Given a preview with a page's event stream open
    const preview = await startPreview('content', mkdtempSync(join(tmpdir(), 'wirefeed-sigint-')));
    const events = await fetch(`${preview.base}/_wirefeed/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('retry: 1000');
    // When
    const exited = new Promise<number | null>((resolve) => preview.child.once('exit', (code) => resolve(code)));
    preview.child.kill('SIGINT');
    // Then: the stream ends and the process exits on its own (a watcher left open would keep it alive)
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(await exited).toBe(130);
  });
});
