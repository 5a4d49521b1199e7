import type { PlanSnapshot } from '../../core/ports/build-cache.js';
import type { StoryFile } from '../../core/ports/content-source.js';
import type { HeldStories } from '../../core/held-stories.js';
import type { KeptVersion, ParsedRecord } from '../../core/build-record.js';
import { StoryError } from '../../core/story-error.js';

/**
 * A build's release plan and what follows from it (section names, take-downs, counts, live packs)
 * depend on every story's record and on `now`. Kept small in the manifest (core/ports/build-cache.ts
 * `PlanSnapshot`), it spares a build in which no story file changed turning every record into a story
 * to decide again what the last build decided: at 10k stories that was ~0.14 s of CPU (stories with
 * dates, dedupe, sort, section names, the checkpoints' entry hashes) and the garbage it left.
 */

/**
 * The span of `now` around `at` in which these stories publish the same: every rule of release,
 * take-down and holding (`isReleased`, `isKilled`, `countHeld`, section names) compares a story's
 * publication, embargo or update time with `now` (`t <= now` or `t > now`), so none changes its
 * answer while `now` stays between the latest such time at or before `at` and the first after it.
 */
export function stableSpan(records: Iterable<Pick<ParsedRecord, 'published' | 'updated' | 'embargoedUntil'>>, at: number): { from: number | null; until: number | null } {
  let from = -Infinity;
  let until = Infinity;
  const take = (time: number) => {
    if (time <= at) from = Math.max(from, time);
    else until = Math.min(until, time);
  };
  for (const record of records) {
    take(record.published);
    take(record.updated);
    if (record.embargoedUntil !== undefined) take(record.embargoedUntil);
  }
  return { from: Number.isFinite(from) ? from : null, until: Number.isFinite(until) ? until : null };
}

/**
 * The last build's snapshot when this build decides the same: no story file changed (`unchanged`:
 * every file's record came from the cache and no file is gone) and `now` lies in its stable span.
 */
export function reusablePlan(snapshot: PlanSnapshot | undefined, unchanged: boolean, now: Date): PlanSnapshot | undefined {
  if (!snapshot || !unchanged) return undefined;
  const at = now.getTime();
  return (snapshot.from === null || snapshot.from <= at) && (snapshot.until === null || at < snapshot.until) ? snapshot : undefined;
}

/** The snapshot's held stories, as `countHeld` gave them. */
export function heldOf(snapshot: PlanSnapshot): HeldStories {
  const { embargoed, withheld, nextRelease } = snapshot.held;
  return { embargoed, withheld, ...(nextRelease !== undefined && { nextRelease: new Date(nextRelease) }) };
}

export function rejectedOf(snapshot: PlanSnapshot): StoryError[] {
  return snapshot.rejected.map(([file, problems]) => new StoryError(file, problems));
}

export function keptOf(snapshot: PlanSnapshot): KeptVersion[] {
  return snapshot.kept.map(([file, version, problems]) => ({ file, version, rejection: new StoryError(file, problems) }));
}

/** What a build that decided from every record leaves for the next one. */
export function snapshotOf(decided: {
  span: { from: number | null; until: number | null };
  entries: number;
  published: number;
  held: HeldStories;
  rejected: readonly StoryError[];
  kept: readonly KeptVersion[];
  /** Where the entries' order was saved. */
  order: string;
  killed: ReadonlyArray<{ record: ParsedRecord; file: StoryFile }>;
  duplicates: readonly StoryError[];
  names: ReadonlyMap<string, string>;
  live: ReadonlySet<number>;
}): PlanSnapshot {
  const { embargoed, withheld, nextRelease } = decided.held;
  return {
    ...decided.span,
    entries: decided.entries,
    published: decided.published,
    held: { embargoed, withheld, ...(nextRelease !== undefined && { nextRelease: nextRelease.getTime() }) },
    rejected: decided.rejected.map((error) => [error.file, error.problems]),
    kept: decided.kept.map(({ file, version, rejection }) => [file, version, rejection.problems]),
    killItems: decided.killed.map((story) => story.record.killItem!),
    order: decided.order,
    killed: decided.killed.map((story) => story.file.path),
    duplicates: decided.duplicates.map((error) => [error.file, error.problems]),
    names: [...decided.names],
    live: [...decided.live].sort((a, b) => a - b),
  };
}
