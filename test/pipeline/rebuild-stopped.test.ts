import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { S3_STATE_KEYS as keys } from '../../functions/adapters/s3-state-layout.js';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { putSiteJson } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';

const harness = useHarness();

const STORIES = 14;

async function fillSite(site: Site): Promise<Site> {
  await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', photoBytes('shared'));
  for (let n = 1; n <= STORIES; n++) await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'], photo: 'media/p.jpg' }));
  return site;
}

/** Paths (bucket and prefix stripped) the handler wrote, copied or deleted since the proxy's log was cleared. */
function writes(site: Site): string[] {
  const bucket = `/${site.siteBucket}/`;
  return harness.proxy.requests
    .filter(({ method, path }) => (method === 'PUT' || method === 'DELETE') && path.startsWith(bucket))
    .map(({ path }) => decodeURIComponent(path.slice(bucket.length)));
}

// A rebuild can stop part-way: the Lambda's 15 minutes run out on a large archive, or S3 keeps
// failing. It writes the stories' own objects and closed archive pages as it goes and the windows,
// records and clean-up last, so the next rebuild starts over and skips what is already as it would
// write it (docs/deploy.md tells operators to run it again).
describe('a rebuild that stopped part-way', () => {
  it('is finished by the next one, which does not write again what the first wrote, into the site a rebuild in one go makes', async () => {
    // Given: a first deploy of 14 stories; S3 fails every write of story 9's page
    const stopped = await fillSite(await new Site(harness, 'rebuild-stopped', { ITEM_LIMIT: '3' }).create());
    const whole = await fillSite(await new Site(harness, 'rebuild-whole', { ITEM_LIMIT: '3' }).create());
    const page9 = new RegExp(`^/${stopped.siteBucket}/stories/story-9-[0-9a-f]{16}\\.html$`);
    let failing = true;
    harness.proxy.inject({ match: ({ method, path }) => failing && method === 'PUT' && page9.test(path), reply: { status: 500, code: 'InternalError' }, times: 1000 });
    // When: the rebuild stops there
    harness.proxy.requests = [];
    await expect(stopped.command('rebuild')).rejects.toThrow();
    const firstRun = writes(stopped);
    // Then it had written the oldest stories' own objects, and no window yet
    expect(firstRun).toContain(keys.item(sourceHash('stories/s1.json')));
    expect(firstRun.filter((path) => path.startsWith('_wirefeed/windows/'))).toEqual([]);
    // When: it is run again, S3 answering
    failing = false;
    harness.proxy.requests = [];
    expect(await stopped.command('rebuild')).toMatchObject({ published: STORIES, rejected: [] });
    // Then what the first run wrote is not written again (the photo, story 1's item and page among it)…
    const secondRun = writes(stopped);
    const rewritten = secondRun.filter((path) => firstRun.includes(path) && !page9.test(`/${stopped.siteBucket}/${path}`));
    expect(rewritten).toEqual([]);
    expect(secondRun.some((path) => path.startsWith('media/'))).toBe(false);
    // …and the site is, byte for byte, the one a rebuild that never stopped makes
    expect(await whole.command('rebuild')).toMatchObject({ published: STORIES, rejected: [] });
    expect(await snapshotSite(stopped)).toEqual(await snapshotSite(whole));
  });
});
