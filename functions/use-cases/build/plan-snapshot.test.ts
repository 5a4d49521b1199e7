import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

const PATCHED = "the last build's release plan patched for the stories that changed";

describe("streaming build patching the last build's release plan for the stories that changed", () => {
  it('patches it for every kind of change and equals a cold build each time', () => {
    // Given: a built site (its broken file, duplicate and take-down included)
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 8 });
    const path = (name: string) => join(content, 'stories', `${name}.json`);
    const write = (name: string, story: object) => writeFileSync(path(name), JSON.stringify(story));
    const newest = seedLikeStory(39);
    const changes: Array<[string, () => void]> = [
      ['a correction', () => correct(content, 12, 'Corrected: an old headline')],
      ['a new story', () => write('story-000040', seedLikeStory(40))],
      ['a story deleted', () => rmSync(path('story-000030'))],
      ['a newer version of a uri in a new file', () => write('story-000020-v3', { ...seedLikeStory(20), version: '3', headlines: [{ role: 'main', value: 'Third version, its own file' }] })],
      ['a new file claiming a uri and version already published', () => write('story-000021-copy', seedLikeStory(21))],
      ['the claimed uri corrected in its first file, ending the clash', () => correct(content, 21, 'Corrected past the copy')],
      ['a section renamed by the newest story naming it', () => write('story-000039', { ...newest, version: '2', subjects: newest.subjects.map((subject: { name: string }) => ({ ...subject, name: subject.name.toUpperCase() })) })],
      ['a new story under embargo', () => write('story-000041', { ...seedLikeStory(41), embargoedUntil: new Date(NOW.getTime() + 7_200_000).toISOString() })],
      ['a published story corrected into an embargo', () => write('story-000015', { ...seedLikeStory(15), version: '2', embargoedUntil: new Date(NOW.getTime() + 3_600_000).toISOString() })],
      ['a story under embargo corrected, still under embargo', () => write('story-000041', { ...seedLikeStory(41), version: '2', embargoedUntil: new Date(NOW.getTime() + 7_200_000).toISOString() })],
      ['a take-down', () => write('story-000025', { ...seedLikeStory(25), version: '2', pubStatus: 'withheld', versionCreated: '2025-06-01T00:00:00Z' })],
      ['a new file rejected', () => writeFileSync(path('broken-too'), '[1,')],
    ];
    for (const [label, apply] of changes) {
      // When
      apply();
      const warm = expectWarmEqualsCold(content, outDir, NOW, label);
      // Then
      expect(warm.info, label).toContain(PATCHED);
    }
    expect([...tree(outDir).values()].some((text) => text.includes(newest.subjects[0].name.toUpperCase())), 'the renamed section').toBe(true);

    // When: a published story's new version is rejected, which a cold build has no last good version to keep for
    const before = build(content, { outDir, now: NOW, checkpointEvery: 8 });
    const published = tree(outDir);
    writeFileSync(path('story-000026'), '{"uri": ');
    const kept = build(content, { outDir, now: NOW, checkpointEvery: 8 });
    // Then: its last good version stays, and with it every file
    expect(kept.info).toContain(PATCHED);
    expect(kept.summary.published).toBe(before.summary.published);
    expect(kept.errors.some((line) => line.startsWith(`kept ${path('story-000026')} at version 1`))).toBe(true);
    expect(tree(outDir)).toEqual(published);
  });

  it('decides from every record when the story due first leaves, and equals a cold build', () => {
    // Given: a built site holding a story under embargo, the first to be released
    const content = contentWithEmbargo(new Date(NOW.getTime() + 3_600_000));
    const { outDir } = build(content, { checkpointEvery: 8 });
    // When: it is deleted (which story is due next is not known without every story)
    rmSync(join(content, 'stories', 'embargoed.json'));
    const warm = expectWarmEqualsCold(content, outDir, NOW, 'the embargoed story deleted');
    // Then
    expect(warm.info).not.toContain(PATCHED);
    expect(warm.summary.held.embargoed).toBe(0);
  });
});

describe("the patched plan's span of `now`", () => {
  it('ends at the release time of a story the patch added, so the build then decides again', () => {
    // Given: a built site, then a new story under embargo for one more hour, patched in
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 8 });
    const release = new Date(NOW.getTime() + 3_600_000);
    writeFileSync(join(content, 'stories', 'story-000041.json'), JSON.stringify({ ...seedLikeStory(41), embargoedUntil: release.toISOString() }));
    expect(expectWarmEqualsCold(content, outDir, NOW, 'the embargoed story added').info).toContain(PATCHED);
    // When: built again once its embargo ends, nothing else changed
    const warm = expectWarmEqualsCold(content, outDir, release, 'when its embargo ends');
    // Then
    expect(warm.info).not.toContain(REUSED);
    expect(warm.summary.held.embargoed).toBe(0);
  });
});

describe("the last build's entry order, saved beside the manifest", () => {
  it('decides from every record when it cannot be read, and equals a cold build', () => {
    // Given: a built site whose saved entry order is gone, then a correction
    const content = makeContent();
    const { outDir } = build(content, { checkpointEvery: 8 });
    // The CLI's cache folder for an output folder (adapters/fs-build-cache.ts).
    const folder = join(dirname(outDir), '.wirefeed-cache', basename(outDir), 'checkpoints');
    const saved = readdirSync(folder).filter((file) => file.endsWith('-order.json'));
    expect(saved).toHaveLength(1);
    rmSync(join(folder, saved[0]!));
    correct(content, 12, 'Corrected after the order was lost');
    // When
    const warm = expectWarmEqualsCold(content, outDir, NOW, 'the order gone');
    // Then
    expect(warm.info).not.toContain(PATCHED);
  });
});
