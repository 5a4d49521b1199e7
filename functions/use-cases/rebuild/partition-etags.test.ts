import { describe, expect, it } from 'vitest';
import { S3_STATE_KEYS as keys } from '../../adapters/s3-state-layout.js';
import { sourceHash } from '../../core/incremental/layout.js';
import { storyPath } from '../../core/story-path.js';
import type { PublishContext } from '../publish/publish-context.js';
import { EtagOwners, readPartitionEtags, writePartitionEtags } from './partition-etags.js';
import type { ScannedStory } from './scan-stories.js';

const story = (n: number) => ({ key: `stories/s${n}.json`, id: `urn:test:story-${n}` }) as ScannedStory;
const set = '0123456789abcdef0123456789abcdef';

/** A site bucket in memory: `list` and `put` as the state port answers them. */
function siteOf(objects: Map<string, string>) {
  return {
    state: {
      keys,
      list: async (prefix: string) => ({ objects: [...objects].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, etag]) => ({ key, etag, size: 0 })), more: false }),
      put: async (key: string, body: string) => void objects.set(key, body),
      readJson: async (key: string) => (objects.has(key) ? { value: JSON.parse(objects.get(key)!), etag: '' } : undefined),
    },
  } as unknown as PublishContext;
}

describe('partition ETags', () => {
  const [one, two, three] = [story(1), story(2), story(3)];
  const owners = new EtagOwners(keys, 3);
  owners.add(one, 0);
  owners.add(two, 0);
  owners.add(three, 1);
  const site = () =>
    new Map([
      [keys.item(sourceHash(one.key)), 'item-1'],
      [keys.item(sourceHash(three.key)), 'item-3'],
      [keys.photoSetMember(set, sourceHash(two.key)), 'user-2'],
      [storyPath(one), 'page-1'],
      [keys.item('somebody-else'), 'stray'],
    ]);

  it("answers each partition's objects from one listing: present, absent, or not listed", async () => {
    const ctx = siteOf(site());
    const index = await writePartitionEtags(ctx, 'run', owners, 2);
    const first = await readPartitionEtags(ctx, 'run', 0, index);
    expect(first(keys.item(sourceHash(one.key)))).toEqual({ etag: 'item-1' });
    expect(first(keys.item(sourceHash(two.key)))).toEqual({ etag: undefined });
    expect(first(keys.photoSetMember(set, sourceHash(two.key)))).toEqual({ etag: 'user-2' });
    expect(first(storyPath(one))).toEqual({ etag: 'page-1' });
    expect(first('media/0123456789abcdef/p.jpg')).toBeUndefined();
    expect(first(keys.photoUser('media/0123456789abcdef/p.jpg', set))).toBeUndefined();
    // Another partition's objects are not in this one's answers
    expect(first(keys.item(sourceHash(three.key)))).toEqual({ etag: undefined });
    expect((await readPartitionEtags(ctx, 'run', 1, index))(keys.item(sourceHash(three.key)))).toEqual({ etag: 'item-3' });
  });

  it('leaves what is past its budget to be asked for', async () => {
    const ctx = siteOf(site());
    // The items' slice alone passes a budget of one key
    const index = await writePartitionEtags(ctx, 'run', owners, 2, 1);
    const first = await readPartitionEtags(ctx, 'run', 0, index);
    expect(first(keys.item(sourceHash(one.key)))).toEqual({ etag: 'item-1' });
    expect(first(keys.photoSetMember(set, sourceHash(two.key)))).toBeUndefined();
    expect(first(storyPath(one))).toBeUndefined();
  });

  it("names each story's owner among thousands, and no owner for a key no story owns", () => {
    const stories = Array.from({ length: 3_000 }, (_, n) => story(n));
    const many = new EtagOwners(keys, stories.length);
    stories.forEach((facts, n) => many.add(facts, n % 7));
    stories.forEach((facts, n) => {
      expect(many.ownerOf(keys.item(sourceHash(facts.key)))).toBe(n % 7);
      expect(many.ownerOf(keys.photoSetMember(set, sourceHash(facts.key)))).toBe(n % 7);
      expect(many.ownerOf(storyPath(facts))).toBe(n % 7);
    });
    expect(many.stories).toBe(3_000);
    expect(many.ownerOf(keys.item(sourceHash('stories/elsewhere.json')))).toBeUndefined();
    expect(many.ownerOf(keys.item('not-a-hash'))).toBeUndefined();
    expect(many.ownerOf(storyPath(story(3_000)))).toBeUndefined();
  });
});
