import { describe, expect, it } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { Site, useHarness } from './harness.js';
import { buildWithCli, lambdaFeeds, PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { shuffled } from '../support/shuffled.js';

const harness = useHarness();

const BASE = 'https://feeds.example.com';
const PARTNER_FILE = /^partners\/[^/]+\/rss\.xml$/;
const msnIds = (files: Map<string, string>) => (parseRssFeed(files.get('partners/msn/rss.xml')!).items ?? []).map((item) => item.guid?.value);
const id = (n: number) => `urn:wirefeed:test:story-${n}`;

/**
 * Partner candidates are chosen one way (issue 21, "Not yet one engine"): when more than the item
 * limit of a partner's newest candidates fail its preflight, the CLI build, the Lambda publishing
 * the stories one by one and a rebuild still give the same partner files, which show the newest
 * stories that pass.
 */
describe('partner feeds whose newest candidates fail preflight', () => {
  it('are the same from the CLI, a shuffled publish and a rebuild, before and after deletions drain them', async () => {
    // Given: fourteen stories; the four newest have titles too short for MSN (item limit 3), so
    // its feed must reach back past them to stories 10, 9, 8
    const site = await new Site(harness, 'partner-candidates').create();
    const siteJson = await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const stories = new Map<string, Record<string, unknown>>();
    for (let n = 1; n <= 14; n++) stories.set(`s${n}`, wireStory(n, 40 - n * 2, { short: n > 10 }));
    const keys = new Map<string, string>();
    for (const [name, document] of shuffled([...stories], 7)) {
      keys.set(name, await site.putStory(name, document));
      expect((await site.publish(keys.get(name)!)).batchItemFailures).toEqual([]);
    }
    // When: the CLI builds them too
    const cli = await buildWithCli({ ...siteJson, baseUrl: BASE }, stories, new Date(), BASE, PARTNER_FILE);
    // Then: the same partner files, and MSN shows the newest three that pass
    expect(msnIds(cli)).toEqual([id(10), id(9), id(8)]);
    const published = await lambdaFeeds(site, PARTNER_FILE);
    expect([...published.keys()].sort()).toEqual([...cli.keys()].sort());
    for (const [path, text] of cli) expect(published.get(path), `publish: ${path}`).toBe(text);
    await site.command('rebuild');
    for (const [path, text] of cli) expect((await lambdaFeeds(site, PARTNER_FILE)).get(path), `rebuild: ${path}`).toBe(text);

    // When: the four newest stories that pass are deleted, one publish each
    for (const n of [10, 9, 8, 7]) {
      await site.deleteStory(`s${n}`);
      stories.delete(`s${n}`);
      expect((await site.publish(keys.get(`s${n}`)!)).batchItemFailures).toEqual([]);
    }
    // Then: MSN shows the next three that pass, as the CLI builds it from the stories left, and a rebuild
    const cliLeft = await buildWithCli({ ...siteJson, baseUrl: BASE }, stories, new Date(), BASE, PARTNER_FILE);
    expect(msnIds(cliLeft)).toEqual([id(6), id(5), id(4)]);
    const drained = await lambdaFeeds(site, PARTNER_FILE);
    for (const [path, text] of cliLeft) expect(drained.get(path), `publish: ${path}`).toBe(text);
    await site.command('rebuild');
    for (const [path, text] of cliLeft) expect((await lambdaFeeds(site, PARTNER_FILE)).get(path), `rebuild: ${path}`).toBe(text);
  }, 180_000);
});
