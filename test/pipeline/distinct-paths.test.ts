import { readFileSync } from 'node:fs';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { S3_STATE_KEYS as keys } from '../../functions/adapters/s3-state-layout.js';
import type { StoryRecord } from '../../functions/core/incremental/story-record.js';
import { COLLIDING, COLLIDING_PHOTOS, COLLIDING_SUBJECTS, collidingStory } from '../support/colliding-stories.js';
import { Site, useHarness } from './harness.js';

const harness = useHarness();

type JsonFeed = { title: string; items: Array<{ id: string; url: string; image?: string }> };

/** Where the former 32-bit hash put both stories' pages. */
const FORMER_PAGE = 'stories/article-5916faeb.html';

async function putColliding(site: Site): Promise<string[]> {
  const keys: string[] = [];
  for (const [index, story] of COLLIDING.entries()) {
    await site.putPhoto(story.photo, readFileSync(COLLIDING_PHOTOS[index]!));
    keys.push(await site.putStory(story.file, collidingStory(index as 0 | 1)));
  }
  return keys;
}

const feedOf = async (site: Site, folder = '') => JSON.parse((await site.read(`${folder}feed.json`))!) as JsonFeed;
const sitePath = (url: string) => decodeURI(new URL(url).pathname.slice(1));

async function putSiteObject(site: Site, path: string, body: string): Promise<void> {
  await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: path, Body: body }));
}

describe('publishing stories whose uris and subjects the former rules merged', () => {
  it('gives each story its own page and photo, each subject its own section, titled by its name', async () => {
    // Given
    const site = await new Site(harness, 'distinct').create();
    const keys = await putColliding(site);
    // When: each story arrives in its own event, as S3 sends them
    for (const key of keys) expect((await site.publish(key)).batchItemFailures).toEqual([]);
    // Then: both stories, each page holding its own headline, each photo its own bytes
    const main = await feedOf(site);
    expect(main.items.map((item) => item.id).sort()).toEqual(COLLIDING.map((story) => story.uri).sort());
    expect(await site.list('stories/')).toHaveLength(2);
    for (const [index, story] of COLLIDING.entries()) {
      const item = main.items.find((candidate) => candidate.id === story.uri)!;
      expect(await site.read(sitePath(item.url))).toContain(story.headline);
      expect(await site.read(sitePath(item.image!))).toBe(readFileSync(COLLIDING_PHOTOS[index]!, 'utf8'));
    }
    // And: one section per distinct subject, titled by its name, holding its story alone
    const slugs = [...new Set((await site.list('sections/')).map((path) => path.split('/')[1]!))];
    expect(slugs).toHaveLength(COLLIDING_SUBJECTS.length);
    const found: Array<[string, string[]]> = [];
    for (const slug of slugs) {
      const feed = await feedOf(site, `sections/${slug}/`);
      found.push([feed.title.slice(`${main.title}: `.length), feed.items.map((item) => item.id)]);
    }
    expect(found.sort()).toEqual(COLLIDING_SUBJECTS.map(([name, uri]) => [name, [uri]]).sort());
  });

  it('replaces a page its record names at a former path, and a rebuild deletes a page left there', async () => {
    // Given: a story published, then its state put back as the former page rule left it
    const site = await new Site(harness, 'former-path').create();
    const [key] = await putColliding(site);
    await site.publish(key!);
    const record = keys.record(sourceHash(`stories/${COLLIDING[0].file}.json`));
    const state = JSON.parse((await site.read(record))!) as StoryRecord;
    const page = state.page!.path;
    await putSiteObject(site, FORMER_PAGE, (await site.read(page))!);
    await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: page }));
    await putSiteObject(site, record, JSON.stringify({ ...state, page: { ...state.page!, path: FORMER_PAGE } }));
    // When: a new version arrives
    await site.putStory(COLLIDING[0].file, collidingStory(0, 2));
    expect((await site.publish(key!)).batchItemFailures).toEqual([]);
    // Then: the page is at its path, with the new text, and the former one is gone
    expect(await site.list('stories/')).toEqual([page]);
    expect(await site.read(page)).toContain(`${COLLIDING[0].headline} (corrected)`);
    // When: a page was left at the former path all the same, and the site is rebuilt
    await putSiteObject(site, FORMER_PAGE, '<p>left behind</p>');
    await site.putStory(COLLIDING[1].file, collidingStory(1));
    expect(await site.command('rebuild')).toMatchObject({ published: 2, rejected: [] });
    // Then: each story has its own page, and nothing else is in stories/
    const pages = (await feedOf(site)).items.map((item) => sitePath(item.url)).sort();
    expect(new Set(pages).size).toBe(2);
    expect(await site.list('stories/')).toEqual(pages);
  });
});
