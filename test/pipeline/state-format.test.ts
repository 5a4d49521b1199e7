import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { decodeFramed } from '../../functions/core/incremental/framed-state.js';
import { FragmentBytes } from '../../functions/core/incremental/fragment-bytes.js';
import { errorLogs, Site, story, useHarness } from './harness.js';
import { snapshotSite } from './site-snapshot.js';

const harness = useHarness();

/** Feed windows and archive pages: the state stored framed. */
const FRAMED = /^_wirefeed\/(windows|archives)\//;

/** Rewrites a site's framed state as plain JSON, the way versions before framing stored it. */
async function asPlainJson(site: Site): Promise<string[]> {
  const keys = (await site.list('_wirefeed/')).filter((key) => FRAMED.test(key));
  for (const key of keys) {
    const response = await harness.client.send(new GetObjectCommand({ Bucket: site.siteBucket, Key: key }));
    const fragments = new FragmentBytes();
    const value = decodeFramed<unknown>(await response.Body!.transformToByteArray(), fragments);
    const text = JSON.stringify(value, (_key, field: unknown) => (typeof field === 'string' ? fragments.textOf(field) : field));
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: key, Body: text, ContentType: 'application/json; charset=utf-8' }));
  }
  return keys;
}

describe('publisher state format', () => {
  it('refuses to publish on state an earlier build stored as plain JSON; a rebuild rewrites it as on a site framed from the start', async () => {
    // Given two sites with the same five stories (two per feed page: archive pages close), one
    // of them with its windows and archive pages rewritten as a version before framing stored them
    const framed = await new Site(harness, 'framed', { ITEM_LIMIT: '2' }).create();
    const plain = await new Site(harness, 'plain', { ITEM_LIMIT: '2' }).create();
    for (const site of [framed, plain]) {
      for (let n = 1; n <= 5; n++) expect((await site.publish(await site.putStory(`s${n}`, story(n, { subjects: ['Politics'] })))).batchItemFailures).toEqual([]);
    }
    const rewritten = await asPlainJson(plain);
    expect(rewritten.some((key) => key.startsWith('_wirefeed/archives/'))).toBe(true);
    // When a new story is published on top of the plain state
    const s6 = story(6, { subjects: ['Politics'] });
    const result = await errorLogs(async () => plain.publish(await plain.putStory('s6', s6)));
    // Then it is refused (and retried by the queue) with the remedy, not published on a guess
    expect(result.result.batchItemFailures).toHaveLength(1);
    expect(JSON.stringify(result.logs)).toContain('run the rebuild');
    // When both sites are rebuilt, then get a correction of an archived story
    await framed.putStory('s6', s6);
    for (const site of [framed, plain]) {
      expect(await site.command('rebuild')).toMatchObject({ published: 6, rejected: [] });
      expect((await site.publish(await site.putStory('s1', story(1, { version: 2, headline: 'Story 1, corrected', subjects: ['Politics'] })))).batchItemFailures).toEqual([]);
    }
    // Then every object of the two sites is the same, the state framed again
    expect(await snapshotSite(plain)).toEqual(await snapshotSite(framed));
    expect(await framed.feedIds()).toEqual(['urn:wirefeed:test:story-6', 'urn:wirefeed:test:story-5']);
    expect((await plain.read('_wirefeed/windows/main.json'))!.includes('\n')).toBe(true);
  });
});
