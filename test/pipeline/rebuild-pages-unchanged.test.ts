/**
 * Issue 24: a rerun of the rebuild state machine renders again only the archive pages whose inputs
 * changed (use-cases/rebuild/page-inputs.ts): their items, links, title, site config or the code,
 * or whose state or public files are not those it wrote.
 */
import { describe, expect, it, vi } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { S3_STATE_KEYS as keys } from '../../functions/adapters/s3-state-layout.js';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { putSiteJson } from './parity-support.js';
import { finishAndSweep, rebuildUpToCut, writeRecords } from './rebuild-steps.js';

const code = vi.hoisted(() => ({ identity: 'code-1' }));
vi.mock('../../functions/adapters/code-identity.js', () => ({ codeIdentity: () => code.identity }));

const harness = useHarness();

/** Every step of a run; what the archive-page children did and asked for, and the finish's answer. */
async function rerun(site: Site, run: string) {
  const { partitions, batches } = await rebuildUpToCut(site, run);
  harness.proxy.requests = [];
  const done = { pages: 0, rendered: 0, items: 0 };
  for (const { batch } of batches) {
    const step = (await site.step({ wirefeed: 'rebuild-pages', run, batch })) as typeof done;
    for (const name of ['pages', 'rendered', 'items'] as const) done[name] += step[name];
  }
  const bucket = `/${site.siteBucket}/`;
  const paths = (methods: string[]) =>
    harness.proxy.requests
      .filter(({ method, path }) => methods.includes(method) && path.startsWith(bucket) && path !== bucket)
      .map(({ path }) => decodeURIComponent(path.slice(bucket.length)))
      .filter((path) => !path.startsWith(keys.rebuildRuns))
      .sort();
  const pages = { ...done, written: paths(['PUT', 'DELETE']), itemsRead: paths(['GET']).filter((path) => path.startsWith(keys.items)) };
  await writeRecords(site, run, partitions);
  return { pages, finished: await finishAndSweep(site, run) };
}

describe('rebuild state machine, archive pages of a rerun', () => {
  it('renders only the pages whose items, code or state changed, reading no item of the others', { timeout: 180_000 }, async () => {
    // Given: a site with archive pages in the main feed and two sections, rebuilt once by the machine
    const site = await new Site(harness, 'pages-rerun', { ITEM_LIMIT: '3' }).create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', photoBytes('shared'));
    for (let n = 1; n <= 14; n++) await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'], photo: 'media/p.jpg' }));
    const first = await rerun(site, 'run-1');
    expect(first.finished).toMatchObject({ published: 14, rejected: [] });
    // main: 14 stories in pages of 3, 4 closed; odd (7) and even (7): 2 closed each
    expect(first.pages).toMatchObject({ pages: 8, rendered: 8 });
    expect((await site.list(keys.root)).filter((path) => path.startsWith('_wirefeed/archive-inputs/'))).toHaveLength(8);
    const files = await site.list();

    // When it is rebuilt again with nothing changed
    const again = await rerun(site, 'run-2');
    // Then no archive page is rendered: no item read, nothing written, the site the same
    expect(again.pages).toMatchObject({ pages: 8, rendered: 0, items: 0, written: [], itemsRead: [] });
    expect(again.finished).toMatchObject({ published: 14, filesChanged: 0, stateWritten: 0, deleted: 0 });
    expect(await site.list()).toEqual(files);

    // When one story on an archive page is corrected
    await site.putStory('s4', story(4, { version: 2, headline: 'Story 4, corrected', subjects: ['Even'], photo: 'media/p.jpg' }));
    const corrected = await rerun(site, 'run-3');
    // Then exactly its pages are rendered again (main page 2, even page 1), from their 6 items
    expect(corrected.pages).toMatchObject({ pages: 8, rendered: 2, items: 6 });
    expect(corrected.pages.itemsRead).toContain(keys.item(sourceHash('stories/s4.json')));
    expect(corrected.pages.written).toEqual([
      keys.archiveInputs('', 2),
      keys.archiveInputs('sections/even', 1),
      keys.archivePage('', 2),
      keys.archivePage('sections/even', 1),
      ...['atom.xml', 'feed.html', 'feed.json', 'rss.xml'].map((name) => `archive/2/${name}`),
      ...['atom.xml', 'feed.html', 'feed.json', 'rss.xml'].map((name) => `sections/even/archive/1/${name}`),
    ].sort());
    expect(await site.read('archive/2/rss.xml')).toContain('Story 4, corrected');

    // When a page's state is gone (and nothing else changed)
    await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: keys.archivePage('sections/odd', 2) }));
    const repaired = await rerun(site, 'run-4');
    // Then that page alone is rendered again; its state written again has the ETag its record names
    expect(repaired.pages).toMatchObject({ rendered: 1, items: 3 });
    expect(repaired.pages.written).toEqual([keys.archivePage('sections/odd', 2)]);

    // When a public archive file is deleted by hand, and another defaced
    await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: 'archive/1/rss.xml' }));
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: 'sections/odd/archive/1/atom.xml', Body: 'defaced' }));
    const restored = await rerun(site, 'run-4b');
    // Then their two pages alone are rendered again, and just those files are written back
    expect(restored.pages).toMatchObject({ rendered: 2, items: 6 });
    expect(restored.pages.written).toEqual(['archive/1/rss.xml', 'sections/odd/archive/1/atom.xml']);
    expect(await site.read('sections/odd/archive/1/atom.xml')).toContain('<feed');
    expect(await site.list()).toEqual(files);

    // When the code that renders changes (a deploy)
    code.identity = 'code-2';
    const deployed = await rerun(site, 'run-5');
    // Then every page is rendered again; its bytes being the same, only the pages' records of their inputs are written
    expect(deployed.pages).toMatchObject({ pages: 8, rendered: 8, items: 24 });
    expect(deployed.pages.written.every((path) => path.startsWith('_wirefeed/archive-inputs/'))).toBe(true);
    expect(deployed.pages.written).toHaveLength(8);
    expect(deployed.finished).toMatchObject({ published: 14, filesChanged: 0, stateWritten: 0, deleted: 0 });
    expect(await site.list()).toEqual(files);
  });
});
