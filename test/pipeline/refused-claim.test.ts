/**
 * A version refused for its media keeps the last good one published, and with it the file's uri
 * claims: the claims change only with a version that is published, so after a publish they are what
 * a rebuild of the same content writes from the kept versions (issue 21, one behaviour).
 */
import { describe, expect, it } from 'vitest';
import { Site, useHarness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';

const harness = useHarness();

/** The uri claims of a site: state key → claim. */
const claims = async (site: Site) => Object.fromEntries(Object.entries(await snapshotSite(site)).filter(([key]) => key.startsWith('_wirefeed/claims/')));

describe('a version refused for its media leaves the claims as they were (issue 21)', () => {
  it('under another uri, or the same uri at a newer version: the claims a rebuild writes', async () => {
    // Given: three published stories, then story 1 saved as version 2 under story 3's uri and story 2
    // as version 2 of its own uri, each naming a missing photo
    const site = await new Site(harness, 'refused-claim').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    for (let n = 1; n <= 3; n++) expect((await site.publish(await site.putStory(`s${n}`, wireStory(n, 10 - n)))).batchItemFailures).toEqual([]);
    const published = await claims(site);
    expect(Object.keys(published)).toHaveLength(3);
    const refused = [
      await site.putStory('s1', { ...wireStory(1, 9, { version: 2, photo: 'media/missing.jpg' }), uri: 'urn:wirefeed:test:story-3' }),
      await site.putStory('s2', wireStory(2, 8, { version: 2, photo: 'media/missing.jpg' })),
    ];
    // When: each is published
    for (const key of refused) expect((await site.publish(key)).batchItemFailures, key).toHaveLength(1);
    // Then: no claim changed
    expect(await claims(site)).toEqual(published);
    // …which is what a rebuild of the same content writes
    expect(await site.command('rebuild')).toMatchObject({ published: 3, rejected: ['stories/s1.json', 'stories/s2.json'] });
    expect(await claims(site)).toEqual(published);
  }, 120_000);
});
