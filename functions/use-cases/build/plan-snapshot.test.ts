import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, correct, makeContent, NOW, tree } from '../../../test/support/stream-build-fixtures.js';
// @ts-expect-error plain ESM helper without types
import { seedLikeStory } from '../../../bench/generate-stories.mjs';

const REUSED = "no story changed: the last build's release plan holds";

/** A content folder (samples, a broken file, a duplicate, a take-down) with a story under embargo until `until`. */
function contentWithEmbargo(until: Date): string {
  const content = makeContent();
  writeFileSync(join(content, 'stories', 'embargoed.json'), JSON.stringify({ ...seedLikeStory(20), uri: 'urn:wirefeed:test:embargoed', embargoedUntil: until.toISOString(), headlines: [{ role: 'main', value: 'Under embargo' }] }));
  return content;
}

/** A warm build at `now` in `outDir`, and a cold one of the same folder: its files, errors and summary must be the cold build's. */
function expectWarmEqualsCold(content: string, outDir: string, now: Date, label: string) {
  const warm = build(content, { outDir, now, checkpointEvery: 8 });
  const cold = build(content, { inMemory: true, now });
  expect(warm.errors, label).toEqual(cold.errors);
  expect(warm.summary, label).toEqual(cold.summary);
  expect(tree(outDir), label).toEqual(tree(cold.outDir));
  return warm;
}

describe("streaming build taking the last build's release plan when no story changed", () => {
  it('takes it while `now` passes no story time, decides again once it passes one, and equals a cold build each time', () => {
    // Given: a built site holding a story under embargo for one more hour
    const release = new Date(NOW.getTime() + 3_600_000);
    const content = contentWithEmbargo(release);
    const { outDir } = build(content, { checkpointEvery: 8 });
    // When: built again a minute later, then once the embargo has ended, then again just after
    const steps: Array<[string, Date, boolean]> = [
      ['a minute later', new Date(NOW.getTime() + 60_000), true],
      ['when the embargo ends', release, false],
      ['a minute after it ended', new Date(release.getTime() + 60_000), true],
    ];
    for (const [label, now, reused] of steps) {
      const warm = expectWarmEqualsCold(content, outDir, now, label);
      // Then
      expect(warm.info.includes(REUSED), label).toBe(reused);
    }
    expect(build(content, { inMemory: true, now: release }).summary.held.embargoed).toBe(0);
  });

  it('decides again after a story is removed, added back, corrected or taken down, and equals a cold build each time', () => {
    // Given: a built site
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 8 });
    const file = join(content, 'stories', 'story-000030.json');
    const changes: Array<[string, () => void, boolean]> = [
      ['a story removed', () => rmSync(file), false],
      ['nothing changed after a removal', () => undefined, true],
      ['the story added back', () => writeFileSync(file, JSON.stringify(seedLikeStory(30))), false],
      ['a correction', () => correct(content, 12, 'Corrected: an old headline'), false],
      ['a take-down', () => writeFileSync(join(content, 'stories', 'story-000025.json'), JSON.stringify({ ...seedLikeStory(25), version: '2', pubStatus: 'withheld', versionCreated: '2025-06-01T00:00:00Z' })), false],
      ['nothing changed after a take-down', () => undefined, true],
    ];
    for (const [label, apply, reused] of changes) {
      // When
      apply();
      const warm = expectWarmEqualsCold(content, outDir, NOW, label);
      // Then
      expect(warm.info.includes(REUSED), label).toBe(reused);
    }
  });

  it('takes the stories again when a file it would carry over is gone, and writes it again', () => {
    // Given: a built site, then its oldest story page removed
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 8 });
    const complete = tree(outDir);
    rmSync(join(outDir, 'stories', readdirSync(join(outDir, 'stories')).sort()[0]!));
    // When
    const warm = build(content, { outDir, checkpointEvery: 8 });
    // Then
    expect(warm.info).toContain(REUSED);
    expect(warm.resumedAfter).toBe(0);
    expect(tree(outDir)).toEqual(complete);
  });
});
