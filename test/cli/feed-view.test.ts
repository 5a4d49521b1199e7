import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';
import { LONG_SUMMARY, storyWithSummary, TRICKY_SUMMARY, viewFeed, type ViewedItem } from '../support/feed-view.js';

describe('the feeds opened in a browser (feed.xsl)', () => {
  let run: CliRun;
  let rss: ViewedItem[];
  let atom: ViewedItem[];
  beforeAll(async () => {
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-feed-view-'));
    cpSync('content', content, { recursive: true });
    writeFileSync(join(content, 'stories', 'tricky.json'), storyWithSummary('urn:test:view:tricky', 'Tricky summary', TRICKY_SUMMARY));
    writeFileSync(join(content, 'stories', 'long.json'), storyWithSummary('urn:test:view:long', 'Long summary', LONG_SUMMARY));
    run = await runCli(['build', '--content', content, '--out', '$OUT', '--base-url', 'https://wire.example.org']);
    rss = viewFeed(join(run.outDir, 'feed.xsl'), join(run.outDir, 'rss.xml'));
    atom = viewFeed(join(run.outDir, 'feed.xsl'), join(run.outDir, 'atom.xml'));
  });

  it('shows an RSS summary exactly as typed, not escaped once more', () => {
    expect(run.code).toBe(0);
    expect(rss.find((item) => item.title === 'Tricky summary')?.summary).toBe(TRICKY_SUMMARY);
    expect(rss.find((item) => item.title === 'Long summary')?.summary).toBe(LONG_SUMMARY);
  });

  it('shows every RSS item as the Atom view does', () => {
    expect(rss).toHaveLength(8);
    expect(rss).toEqual(atom);
  });
});
