import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../adapters/fs-build-cache.js';
import { build, correct, makeContent, tree } from '../../../test/support/stream-build-fixtures.js';
// @ts-expect-error plain ESM helper without types
import { seedLikeStory, generateContent, seededRandom, STORY_SPACING_MS } from '../../../bench/generate-stories.mjs';

describe('streaming build resuming its outputs from a checkpoint', () => {
  // A checkpoint every 8 stories: the 40-story folder gets several.
  const EVERY = 8;

  it('after a correction, an insertion, a removal or a take-down, takes only the stories after the last unchanged checkpoint and equals a cold build', () => {
    // Given: a built site (with samples, a broken file, a duplicate and a take-down)
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: EVERY });
    const changes: Array<[string, () => void]> = [
      ['a correction of a recent story', () => correct(content, 38, 'Corrected: a new headline')],
      ['a correction of an old story (same file, earlier checkpoints only)', () => correct(content, 12, 'Corrected: an old headline')],
      ['a story inserted in the middle', () => writeFileSync(join(content, 'stories', 'inserted.json'), JSON.stringify({ ...seedLikeStory(20), uri: 'urn:wirefeed:test:inserted', headlines: [{ role: 'main', value: 'Inserted' }] }))],
      ['a story removed', () => rmSync(join(content, 'stories', 'story-000030.json'))],
      ['a story taken down', () => writeFileSync(join(content, 'stories', 'story-000025.json'), JSON.stringify({ ...seedLikeStory(25), version: '2', pubStatus: 'canceled', versionCreated: '2025-06-01T00:00:00Z' }))],
      ['nothing changed', () => undefined],
    ];
    for (const [change, apply] of changes) {
      // When
      apply();
      const warm = build(content, { outDir, checkpointEvery: EVERY });
      const cold = build(content, { inMemory: true });
      // Then
      expect(warm.resumedAfter, change).toBeGreaterThan(0);
      expect(warm.errors, change).toEqual(cold.errors);
      expect(warm.summary, change).toEqual(cold.summary);
      expect(tree(outDir), change).toEqual(tree(cold.outDir));
    }
  });

  it('after a correction, catches up with the last build once the story has left every window and open page, and equals a cold build', () => {
    // Given: 200 stories in pages of 3, a checkpoint every 20: a story stays in the outputs' state for ~60 entries
    const content = generateContent(200, { itemLimit: 3 }) as string;
    // Stories 50 and 150 show a photo no other story shows; the correction of 50 drops it, 150 still needs it.
    const unique = Buffer.concat([readFileSync(join(content, 'media', 'shared', 'photo1-1600.jpg')), Buffer.from('unique')]);
    writeFileSync(join(content, 'media', 'unique.jpg'), unique);
    for (const n of [50, 150]) {
      const story = seedLikeStory(n);
      story.associations[0].renditions[0].href = 'media/unique.jpg';
      writeFileSync(join(content, 'stories', `story-${String(n).padStart(6, '0')}.json`), JSON.stringify(story));
    }
    const { outDir } = build(content, { checkpointEvery: 20 });
    const photo = (dir: string) => [...tree(dir).keys()].filter((path) => path.endsWith('/unique.jpg'));
    expect(photo(outDir)).toHaveLength(1);
    // When: a story far from the newest is corrected; then another (this build rejoins checkpoints the
    // last one kept); then one more and a later one together (no rejoining before the later one)
    for (const stories of [[50], [51], [52, 150]]) {
      for (const n of stories) correct(content, n, `Corrected: story ${n}`);
      const warm = build(content, { outDir, checkpointEvery: 20 });
      // Then: the outputs took the stories from the checkpoint before the first to one after the last, and the files equal a cold build's
      const caughtUp = warm.info.map((line) => /^outputs caught up with the last build after (\d+) stor(?:y|ies)$/.exec(line)?.[1]).find(Boolean);
      expect(warm.resumedAfter).toBeGreaterThan(0);
      expect(warm.resumedAfter).toBeLessThanOrEqual(stories[0]!);
      expect(Number(caughtUp)).toBeGreaterThan(stories.at(-1)!);
      expect(Number(caughtUp)).toBeLessThan(200);
      const cold = build(content, { inMemory: true });
      expect(warm.summary).toEqual(cold.summary);
      expect(tree(outDir)).toEqual(tree(cold.outDir));
      expect(photo(outDir)).toHaveLength(stories.includes(150) ? 0 : 1);
    }
  });

  it('equals a cold build after every one of 12 rounds of random corrections, insertions, removals and take-downs', () => {
    // Given: 120 stories in pages of 3, a checkpoint every 10, and a seeded sequence of changes
    const content = generateContent(120, { itemLimit: 3 }) as string;
    const { outDir } = build(content, { checkpointEvery: 10 });
    const random = seededRandom(9);
    const pick = () => Math.floor(random() * 120);
    const file = (n: number) => join(content, 'stories', `story-${String(n).padStart(6, '0')}.json`);
    const changes: Array<(n: number, round: number) => void> = [
      (n, round) => correct(content, n, `Corrected in round ${round}`),
      (n) => writeFileSync(file(n), JSON.stringify({ ...seedLikeStory(n), version: '3', associations: [] })),
      (n, round) => writeFileSync(join(content, 'stories', `inserted-${round}.json`), JSON.stringify({ ...seedLikeStory(n, { shiftMs: 60_000 }), uri: `urn:wirefeed:test:inserted-${round}` })),
      (n) => rmSync(file(n), { force: true }),
      (n) => writeFileSync(file(n), JSON.stringify({ ...seedLikeStory(n), version: '4', pubStatus: 'canceled', versionCreated: '2025-06-01T00:00:00Z' })),
      () => undefined,
    ];
    let resumed = 0;
    for (let round = 1; round <= 12; round += 1) {
      // When: one or two random changes, then a warm build
      for (let count = 1 + Math.floor(random() * 2); count > 0; count -= 1) changes[Math.floor(random() * changes.length)]!(pick(), round);
      const warm = build(content, { outDir, checkpointEvery: 10 });
      if (warm.resumedAfter > 0) resumed += 1;
      // Then: the same files, errors and summary as a cold build of the same folder
      const cold = build(content, { inMemory: true });
      expect(warm.errors, `round ${round}`).toEqual(cold.errors);
      expect(warm.summary, `round ${round}`).toEqual(cold.summary);
      expect(tree(outDir), `round ${round}`).toEqual(tree(cold.outDir));
    }
    expect(resumed).toBeGreaterThan(6);
  });

  it('does not resume the news sitemap from a state the clock has passed: it takes the stories of the last two days again', () => {
    // Given: 40 stories, the newest ~18 published in the two days before `now`, so they are in the sitemap
    const content = generateContent(40, { itemLimit: 7 }) as string;
    const now = new Date(Date.UTC(2022, 0, 1) + 40 * STORY_SPACING_MS);
    const { outDir } = build(content, { now, checkpointEvery: EVERY });
    // When
    correct(content, 38, 'Corrected: a new headline');
    const warm = build(content, { outDir, now, checkpointEvery: EVERY });
    // Then: resumed no later than the last checkpoint before the sitemap's stories
    const cold = build(content, { inMemory: true, now });
    expect(warm.resumedAfter).toBeGreaterThan(0);
    expect(warm.resumedAfter).toBeLessThanOrEqual(Math.floor((40 - (2 * 86_400_000) / STORY_SPACING_MS) / EVERY) * EVERY);
    expect(readFileSync(join(outDir, 'news-sitemap.xml'), 'utf8').match(/<url>/g)?.length).toBeGreaterThan(15);
    expect(tree(outDir)).toEqual(tree(cold.outDir));
  });

  it('takes every story again when a file it would carry over is gone from the output folder, and writes it again', () => {
    // Given: a built site, then its oldest story page removed
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: EVERY });
    const complete = tree(outDir);
    const pages = readdirSync(join(outDir, 'stories')).sort();
    rmSync(join(outDir, 'stories', pages[0]!));
    // When
    const warm = build(content, { outDir, checkpointEvery: EVERY });
    // Then
    expect(warm.resumedAfter).toBe(0);
    expect(tree(outDir)).toEqual(complete);
  });

  it('does not trust a damaged checkpoint: takes the stories again, equals a cold build, and saves it anew', () => {
    // Given: a built site whose checkpoint files were all damaged
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: EVERY });
    const folder = join(defaultCacheDir(outDir), 'checkpoints');
    for (const file of readdirSync(folder)) writeFileSync(join(folder, file), '{"main": ');
    // When: a story is corrected, then again
    correct(content, 38, 'Corrected: a new headline');
    const damaged = build(content, { outDir, checkpointEvery: EVERY });
    correct(content, 37, 'Corrected: another headline');
    const repaired = build(content, { outDir, checkpointEvery: EVERY });
    // Then: the first build could not resume but wrote sound checkpoints, which the second resumed from
    expect(damaged.resumedAfter).toBe(0);
    expect(repaired.resumedAfter).toBeGreaterThan(0);
    expect(tree(outDir)).toEqual(tree(build(content, { inMemory: true }).outDir));
  });

  it('saves no checkpoint when an output cannot be resumed (partner feeds), and still equals a cold build', () => {
    const content = makeContent();
    const site = JSON.parse(readFileSync(join(content, 'site.json'), 'utf8'));
    writeFileSync(join(content, 'site.json'), JSON.stringify({ ...site, partners: { gn: { profile: 'google-news', itemLimit: 5 } } }));
    const { outDir } = build(content, { checkpointEvery: EVERY });
    correct(content, 38, 'Corrected: a new headline');
    const warm = build(content, { outDir, checkpointEvery: EVERY });
    expect(warm.resumedAfter).toBe(0);
    // Only the plan snapshot's entry order is saved there (plan-snapshot.ts), no output's state.
    expect(readdirSync(join(defaultCacheDir(outDir), 'checkpoints')).filter((file) => !file.endsWith('-order.json'))).toEqual([]);
    expect(tree(outDir)).toEqual(tree(build(content, { inMemory: true }).outDir));
  });
});
