import type { StoryError } from '../../core/story-error.js';
import { planRelease } from '../../core/release-plan.js';
import { sectionNames } from '../../core/section-names.js';
import type { StoryFile } from '../../core/ports/content-source.js';
import type { BuildCache, PlanSnapshot } from '../../core/ports/build-cache.js';
import { publishedRecord, rejectionsOf, type BuildRecord, type KeptVersion } from '../../core/build-record.js';
import { asStory } from './build-stories.js';
import { stableSpan } from './plan-snapshot.js';
import { patchPlan, type Entry, type PatchedPlan, type PlanChange } from './plan-patch.js';

/** What a build decides about its stories when the last build's decisions do not all hold. */
export interface Decided {
  /** Files that did not parse, and usable versions whose media failed while their last good version stays up. */
  rejected: StoryError[];
  kept: KeptVersion[];
  plan: Pick<PatchedPlan, 'released' | 'killed' | 'duplicates' | 'held'>;
  names: Map<string, string>;
  /** The span of `now` in which the same stories decide the same. */
  span: { from: number | null; until: number | null };
}

/** Story files processed again (`processed`) or gone since the last build. */
export function changedPaths(processed: string[], files: readonly StoryFile[], previous: Readonly<Record<string, unknown>>): string[] {
  const present = new Set(files.map((file) => file.path));
  return [...processed, ...Object.keys(previous).filter((path) => !present.has(path))];
}

/**
 * What the build decides about its stories: the last build's decisions patched for the files that
 * changed (plan-patch.ts) when the patch is sure, else decided from every record.
 */
export function decideStories(snapshot: PlanSnapshot | undefined, change: PlanChange, cache: BuildCache, options: { now: Date; progress?: (line: string) => void }): Decided {
  return patchedDecision(snapshot, change, cache, options) ?? decideFromRecords(change.records, change.files, options.now);
}

/** The last build's decisions patched for the files that changed, when the patch is sure. */
function patchedDecision(snapshot: PlanSnapshot | undefined, change: PlanChange, cache: BuildCache, options: { now: Date; progress?: (line: string) => void }): Decided | undefined {
  const order = snapshot && cache.loadCheckpoint(snapshot.order);
  // Unreadable or not what this code saved: decided from every record.
  const plan = Array.isArray(order) && order.every((path) => typeof path === 'string') ? patchPlan(snapshot!, order, change, options.now) : undefined;
  if (!plan) return undefined;
  options.progress?.('the last build\'s release plan patched for the stories that changed');
  return { ...rejectionsOf(change.records), plan, names: plan.names, span: plan.span };
}

function decideFromRecords(records: readonly BuildRecord[], files: readonly StoryFile[], now: Date): Decided {
  const { rejected, kept } = rejectionsOf(records);
  // Dedupe, release and take-downs are decided as buildSite decides them, on the small records.
  const keyed = records.flatMap((record, index) => {
    const story = publishedRecord(record);
    return story ? [asStory(story, files[index]!)] : [];
  });
  const plan = planRelease(keyed, now);
  return { rejected, kept, plan, names: namesOf(plan.released, now), span: stableSpan(keyed.map((story) => story.record), now.getTime()) };
}

/** Sections are named by their newest published story before the first entry (`section-names.ts`). */
function namesOf(released: readonly Entry[], now: Date): Map<string, string> {
  return sectionNames(
    released.filter((story) => story.record.detail).map(({ record, file }) => ({ ...asStory(record, file), sections: record.sections ?? [] })),
    now,
  );
}
