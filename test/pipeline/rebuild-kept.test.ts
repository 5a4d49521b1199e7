/**
 * The distributed rebuild's steps and a refused file's last good version (docs/decisions/005): the
 * cut step cuts it into the archive pages at its own place, and the finish places it only as the cut
 * looked it up.
 */
import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3_STATE_KEYS } from '../../functions/adapters/s3-state-layout.js';
import { Site, useHarness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';
import { distributedRebuild, rebuildUpToFinish } from './rebuild-steps.js';

const harness = useHarness();

/**
 * Ten stories, archive pages of 3, rebuilt once; then story 2 saved again at the same version with a
 * missing photo and dated after every other story: the render refuses it (the scan checks the media
 * only of a file whose uri or version changed).
 */
async function siteWithRefusedUpdate(name: string): Promise<Site> {
  const site = await new Site(harness, name).create();
  await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', PHOTO);
  for (let n = 1; n <= 10; n++) await site.putStory(`s${String(n).padStart(2, '0')}`, wireStory(n, 40 - n));
  await site.command('rebuild');
  await site.putStory('s02', wireStory(2, 1, { photo: 'media/missing.jpg' }));
  return site;
}

/**
 * The site without the run's scratch objects, the held list (a rebuild always writes it), the
 * claims (the distributed rebuild still dates a refused file's claim by the refused version, where a
 * publish and the one-invocation rebuild keep the last good version's date: a known difference)
 * and the records of archive pages' inputs (the state machine's alone, for its next run).
 */
const published = async (site: Site) =>
  Object.fromEntries(
    Object.entries(await snapshotSite(site)).filter(([key]) => !key.startsWith(S3_STATE_KEYS.rebuildRuns) && key !== S3_STATE_KEYS.held && !key.startsWith('_wirefeed/claims/') && !key.startsWith('_wirefeed/archive-inputs/')),
  );

describe('a refused update in the distributed rebuild (issue 24)', () => {
  it('the cut step cuts the last good version into the archive page where it was published', async () => {
    // Given: story 2's update refused (its photo is missing), the site as its last good version left it
    const site = await siteWithRefusedUpdate('kept-cut');
    const before = await published(site);
    expect(before['archive/1/feed.json']).toContain('"urn:wirefeed:test:story-2"');
    // When: the state machine's steps rebuild it
    const finished = await distributedRebuild(site, 'run-cut');
    // Then: story 2 stays on the oldest archive page, and every object is as it was
    expect(finished).toMatchObject({ published: 10, rejected: ['stories/s02.json'], filesChanged: 0 });
    expect(await published(site)).toEqual(before);
  });

  it('the finish stops when the last good version changed after the cut step looked it up (and the records children wrote)', async () => {
    // Given: the steps run up to the finish, the records children's included
    const site = await siteWithRefusedUpdate('kept-finish');
    await rebuildUpToFinish(site, 'run-finish');
    // When: story 2's record is written again (as a publish would) after the cut looked it up
    const [record, body] = Object.entries(await snapshotSite(site)).find(([key, text]) => key.startsWith('_wirefeed/stories/') && text.includes('"key":"stories/s02.json"'))!;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: record, Body: `${body}\n` }));
    const before = await snapshotSite(site);
    // Then: the finish stops, naming it, and writes none of the site
    await expect(site.step({ wirefeed: 'rebuild-finish', run: 'run-finish' })).rejects.toThrow(new RegExp(`a publish changed ${record} while the rebuild ran`));
    expect(await snapshotSite(site)).toEqual(before);
  });
});
