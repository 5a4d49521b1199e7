import { describe, expect, it } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { errorLogs, Site, warnLogs, useHarness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';

const harness = useHarness();

const ID = 'urn:wirefeed:test:story-1';
const guids = (xml: string | undefined) => (parseRssFeed(xml!).items ?? []).map((item) => item.guid?.value);

describe('a new version that fails validation (issue 20 point 1)', () => {
  it('keeps the last good version in every feed, partner feed and page, and logs the kept line', async () => {
    // Given: a story published with its photo, then saved again with a JSON typo
    const site = await new Site(harness, 'kept-version').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const key = await site.putStory('s1', wireStory(1, 2));
    expect((await site.publish(key)).batchItemFailures).toEqual([]);
    const before = await site.list();
    const typo = JSON.stringify(wireStory(1, 2, { version: 2 }), null, 2).replace('"version": "2",', '"version": "2",,');
    expect(typo).toContain('"2",,');
    await site.putStory('s1', typo);
    // When
    const { result, logs } = await errorLogs(() => site.publish(key));
    // Then: refused, and logged once with the kept line and the rejection's own lines
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: `m-0-${key}` }]);
    const entries = logs.filter((entry) => entry.key === key);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.message).toMatch(/^kept stories\/s1\.json at version 1: the new version is rejected: \/: /);
    expect(entries[0]!.lines).toEqual([expect.stringMatching(/^stories\/s1\.json: \/: /)]);
    // …and nothing was withdrawn: same objects, the story in every feed and partner feed
    expect(await site.list()).toEqual(before);
    expect(await site.feedIds()).toEqual([ID]);
    expect(await site.feedIds('sections/odd')).toEqual([ID]);
    for (const partner of ['msn', 'flip-odd', 'google-news']) expect(guids(await site.read(`partners/${partner}/rss.xml`)), partner).toEqual([ID]);
    const files = async () => new Map(await Promise.all((await site.list()).filter((path) => !path.startsWith('_wirefeed/')).map(async (path) => [path, await site.read(path)] as const)));
    const published = await files();

    // When: the site is rebuilt while the file is still refused
    const rebuilt = await errorLogs(() => site.command('rebuild'));
    // Then: the rebuild keeps that version too, every object and public file as it was, and says so
    expect(rebuilt.result).toMatchObject({ published: 1, rejected: [key] });
    expect(rebuilt.logs.map((entry) => entry.message)).toContain(entries[0]!.message);
    // (a rebuild always writes the held list, here empty)
    expect((await site.list()).filter((path) => path !== '_wirefeed/held.json')).toEqual(before);
    expect(await files()).toEqual(published);
  });

  it('keeps the last good version when a usable new version names a photo that is missing', async () => {
    // Given
    const site = await new Site(harness, 'kept-media').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const key = await site.putStory('s1', wireStory(1, 2));
    expect((await site.publish(key)).batchItemFailures).toEqual([]);
    const before = await site.list();
    await site.putStory('s1', wireStory(1, 2, { version: 2, photo: 'media/missing.jpg' }));
    // When
    const { result, logs } = await errorLogs(() => site.publish(key));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: `m-0-${key}` }]);
    const keptLine = expect.stringMatching(/^kept stories\/s1\.json at version 1: the new version is rejected: \/associations\/0\//);
    expect(logs.filter((entry) => entry.key === key).map((entry) => entry.message)).toEqual([keptLine]);
    expect(await site.list()).toEqual(before);
    expect(await site.feedIds()).toEqual([ID]);
    const files = async () => new Map(await Promise.all((await site.list()).filter((path) => !path.startsWith('_wirefeed/')).map(async (path) => [path, await site.read(path)] as const)));
    const published = await files();
    // When: the site is rebuilt while the photo is still missing
    const rebuilt = await errorLogs(() => site.command('rebuild'));
    // Then: the rebuild keeps that version too
    expect(rebuilt.result).toMatchObject({ published: 1, rejected: [key] });
    expect(rebuilt.logs.map((entry) => entry.message)).toContainEqual(keptLine);
    expect((await site.list()).filter((path) => path !== '_wirefeed/held.json')).toEqual(before);
    expect(await files()).toEqual(published);
  });

  it('a kept story whose file no longer parses does not stop a partner feed refill: other publishes go on', async () => {
    // Given: eleven stories, six in the odd section (flip-odd keeps 2 × 2 candidates), published in
    // order; story 3, an odd one below the window, then saved with a JSON typo and refused (kept)
    const site = await new Site(harness, 'kept-refill').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const keys: string[] = [];
    for (let n = 1; n <= 11; n++) keys.push(await site.putStory(`s${n}`, wireStory(n, 30 - n)));
    for (const key of keys) await site.publish(key);
    await site.putStory('s3', JSON.stringify(wireStory(3, 27, { version: 2 }), null, 2).replace('"version": "2",', '"version": "2",,'));
    expect((await site.publish(keys[2]!)).batchItemFailures).toHaveLength(1);
    // When: the three newest odd stories are deleted, draining the window so it is refilled
    const { result, logs } = await warnLogs(async () => {
      const failures: Array<{ itemIdentifier: string }> = [];
      for (const n of [11, 9, 7]) {
        await site.deleteStory(`s${n}`);
        failures.push(...(await site.publish(keys[n - 1]!)).batchItemFailures);
      }
      return failures;
    });
    // Then: every deletion is published; the refill leaves the unreadable story out of that partner
    // feed only, and says so
    expect(result).toEqual([]);
    expect(guids(await site.read('partners/flip-odd/rss.xml'))).toEqual(['urn:wirefeed:test:story-5', 'urn:wirefeed:test:story-1']);
    expect(await site.feedIds('sections/odd')).toContain('urn:wirefeed:test:story-3');
    expect(logs.some((entry) => typeof entry.message === 'string' && entry.message.startsWith('partner feed refill left out a story whose file is refused') && entry.story === 'stories/s3.json')).toBe(true);
  }, 120_000);
});
