import { describe, expect, it } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { Site, useHarness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { claimHash } from '../../functions/core/incremental/uri-claim.js';

const harness = useHarness();

const id = (n: number) => `urn:wirefeed:test:story-${n}`;
const msnItems = async (site: Site) => parseRssFeed((await site.read('partners/msn/rss.xml'))!).items ?? [];
/** A story of the parity wire with a byline, so a kill that kept it would show. */
const bylined = (n: number, hoursAgo: number, options: Parameters<typeof wireStory>[2] = {}) => ({ ...wireStory(n, hoursAgo, options), by: 'Harbour Desk Reporter' });

/**
 * MSN kills (issue 20 point 10). MSN matches a kill to the item it carried by the same id and
 * expires it by a past expiration date with a newer updated date: nothing else of the story is
 * needed, and a kill for an item it never carried would announce a story that never ran there.
 */
describe('MSN kills from the Lambda', () => {
  it('carry only guid, link, dates and a neutral title, and only for a story the feed carried; a rebuild keeps that history', async () => {
    // Given: story 1 published (MSN carries it), story 2 first seen already withheld in its second version
    const site = await new Site(harness, 'partner-kills').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const one = await site.putStory('s1', bylined(1, 3));
    expect((await site.publish(one)).batchItemFailures).toEqual([]);
    expect((await msnItems(site)).map((item) => item.guid?.value)).toEqual([id(1)]);
    const two = await site.putStory('s2', bylined(2, 2, { version: 2, pubStatus: 'withheld' }));
    // When: both are published as take-downs
    await site.putStory('s1', bylined(1, 3, { version: 2, pubStatus: 'canceled' }));
    expect((await site.publish(two, one)).batchItemFailures).toEqual([]);
    // Then: one kill, for story 1, that says nothing of the story
    const check = async () => {
      const items = await msnItems(site);
      expect(items.map((item) => item.guid?.value)).toEqual([id(1)]);
      const [kill] = items;
      expect(kill!.title).toBe('This story has been withdrawn');
      expect(kill!.link).toMatch(/^https:\/\/feeds\.example\.com\/stories\//);
      expect(kill!.dcterms?.valid?.[0]).toMatch(/^end=/);
      expect(kill!.dc?.creators ?? []).toEqual([]);
      expect(kill!.categories ?? []).toEqual([]);
      expect(kill!.content?.encoded).toBeUndefined();
      const xml = (await site.read('partners/msn/rss.xml'))!;
      for (const text of ['Story number 1', 'Harbour Desk Reporter', 'Odd', 'story-2']) expect(xml, text).not.toContain(text);
    };
    await check();
    // When: the site is rebuilt, twice
    for (let rebuild = 1; rebuild <= 2; rebuild++) {
      await site.command('rebuild');
      // Then: the same feed: the rebuild knows story 1 was carried, and story 2 never was
      await check();
    }
  });

  it('keep the carried history of stories still in the content; a rebuild drops that of deleted files', async () => {
    // Given: stories 1 and 3 published (MSN carries both), story 1 then taken down
    const site = await new Site(harness, 'partner-carried').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const one = await site.putStory('s1', bylined(1, 3));
    const three = await site.putStory('s3', bylined(3, 2));
    expect((await site.publish(one, three)).batchItemFailures).toEqual([]);
    await site.putStory('s1', bylined(1, 3, { version: 2, pubStatus: 'canceled' }));
    expect((await site.publish(one)).batchItemFailures).toEqual([]);
    const markers = async () => (await site.list('_wirefeed/carried/msn/')).length;
    expect(await markers()).toBe(2);
    // When: the site is rebuilt
    await site.command('rebuild');
    // Then: both stay (story 1's kill may still be due, story 3 is in the feed)
    expect(await markers()).toBe(2);
    const carriedBefore = await site.list('_wirefeed/carried/msn/');
    const story1Marker = `_wirefeed/carried/msn/${claimHash(id(1))}`;
    expect(carriedBefore).toContain(story1Marker);
    // When: story 1's file is deleted
    expect((await site.publish(await site.deleteStory('s1'))).batchItemFailures).toEqual([]);
    // Then: the publish forgets it (a deleted file gets no kill), story 3's marker stays, the feed is story 3 alone
    expect(await site.list('_wirefeed/carried/msn/')).toEqual(carriedBefore.filter((key) => key !== story1Marker));
    expect((await msnItems(site)).map((item) => item.guid?.value)).toEqual([id(3)]);
    // and a rebuild agrees
    await site.command('rebuild');
    expect(await markers()).toBe(1);
    expect((await msnItems(site)).map((item) => item.guid?.value)).toEqual([id(3)]);
  });

  it('keep the carried history of a uri while another file names it, in a batch too', async () => {
    // Given: story 1 published from file s1 (MSN carries it)
    const site = await new Site(harness, 'partner-carried-uri').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    expect((await site.publish(await site.putStory('s1', bylined(1, 3)))).batchItemFailures).toEqual([]);
    const markers = async () => (await site.list('_wirefeed/carried/msn/')).length;
    expect(await markers()).toBe(1);
    // When: s1 is deleted and its story comes back from another file, in one batch
    const deleted = await site.deleteStory('s1');
    const moved = await site.putStory('s1-moved', bylined(1, 3, { version: 2 }));
    expect((await site.publish(deleted, moved)).batchItemFailures).toEqual([]);
    // Then: the uri is still in the content: its marker stays, and MSN still carries it
    expect(await markers()).toBe(1);
    expect((await msnItems(site)).map((item) => item.guid?.value)).toEqual([id(1)]);
    // When: its last file is deleted
    expect((await site.publish(await site.deleteStory('s1-moved'))).batchItemFailures).toEqual([]);
    // Then: the marker goes with it
    expect(await markers()).toBe(0);
  });
});
