import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_SUMMARY, storyWithSummary, TRICKY_SUMMARY, viewFeed } from '../support/feed-view.js';
import { Site, useHarness } from './harness.js';

const harness = useHarness();

describe('the published feeds opened in a browser (Lambda)', () => {
  it('shows RSS summaries exactly as typed, as the Atom view does', async () => {
    // Given
    const site = await new Site(harness, 'view').create();
    const keys = [
      await site.putStory('tricky', storyWithSummary('urn:test:view:tricky', 'Tricky summary', TRICKY_SUMMARY)),
      await site.putStory('long', storyWithSummary('urn:test:view:long', 'Long summary', LONG_SUMMARY)),
    ];
    // When
    expect((await site.publish(...keys)).batchItemFailures).toEqual([]);
    // Then: the site's own feed.xsl over the site's feeds, as a browser fetches them.
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-view-'));
    for (const file of ['feed.xsl', 'rss.xml', 'atom.xml']) writeFileSync(join(dir, file), (await site.read(file))!);
    const rss = viewFeed(join(dir, 'feed.xsl'), join(dir, 'rss.xml'));
    expect(rss).toHaveLength(2);
    expect(Object.fromEntries(rss.map((item) => [item.title, item.summary]))).toEqual({ 'Tricky summary': TRICKY_SUMMARY, 'Long summary': LONG_SUMMARY });
    expect(rss).toEqual(viewFeed(join(dir, 'feed.xsl'), join(dir, 'atom.xml')));
  });
});
