import type { StoryError } from '../../core/story-error.js';
import type { HeldStories } from '../../core/held-stories.js';
import type { FragmentLocation } from '../../core/fragment-token.js';
import { planRelease } from '../../core/release-plan.js';
import { sectionNames } from '../../core/section-names.js';
import type { StoryFile } from '../../core/ports/content-source.js';
import type { BuildCache, PlanSnapshot } from '../../core/ports/build-cache.js';
import { publishedRecord, rejectionsOf, type BuildRecord, type KeptVersion } from '../../core/build-record.js';
import { asStory } from './build-stories.js';
import { heldOf, keptOf, rejectedOf, reusablePlan, snapshotOf, stableSpan } from './plan-snapshot.js';
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

/** What the outputs did with the entries: how many they published, and those refused for their media. */
export interface Streamed {
  published: number;
  rejected: StoryError[];
}

/** What a build reports of its stories. */
export interface StoryReport {
  published: number;
  held: HeldStories;
  rejected: StoryError[];
  kept: KeptVersion[];
}

/**
 * What the streaming build reads of its decisions, made in one place: taken whole from the last build
 * (no story changed and `now` in its span: plan-snapshot.ts), patched for the files that changed
 * (plan-patch.ts), or decided from every record.
 */
export interface BuildDecisions {
  /** The last build's snapshot, when it holds whole: the outputs need take no story unless a carried file is gone. */
  readonly reused: PlanSnapshot | undefined;
  /** Entries the outputs take, and the take-downs announced before them. */
  readonly entries: number;
  readonly killItems: readonly FragmentLocation[];
  readonly names: Map<string, string>;
  /** What names each entry for the checkpoints' hashes; undefined when the entries are the last build's, whose checkpoints hold the hashes. */
  readonly identities: readonly string[] | undefined;
  /** The entries in the order the outputs take them; decided on first ask when the snapshot was taken whole. */
  released(): readonly Entry[];
  /** What the build reports: with the outputs' counts when they took the entries (always, unless the snapshot was taken whole), else the last build's. */
  report(streamed: Streamed | undefined): StoryReport;
  /** What the next build takes: the snapshot taken whole, or one of this build's decisions, whose entry order `saveOrder` keeps. */
  next(report: StoryReport, live: () => ReadonlySet<number>, saveOrder: (paths: string[]) => string): PlanSnapshot;
}

/** What the build knows of its stories before deciding. */
export interface DecisionInput extends Omit<PlanChange, 'changed'> {
  /** Files processed again. */
  processed: readonly string[];
  /** False when the outputs must take the stories whatever changed (they announce take-downs, which the snapshot does not replay). */
  snapshotUsable: boolean;
  /** Whether the last build's checkpoints hold the hashes of a build of so many entries (build-checkpoints.ts `hashesRecorded`). */
  hashesRecorded: (entries: number) => boolean;
}

/** The build's decisions about its stories (see BuildDecisions). */
export function buildDecisions(snapshot: PlanSnapshot | undefined, input: DecisionInput, cache: BuildCache, options: { now: Date; progress?: (line: string) => void }): BuildDecisions {
  const { previous, files, processed } = input;
  const unchanged = processed.length === 0 && files.length === Object.keys(previous).length;
  const candidate = reusablePlan(snapshot, unchanged && input.snapshotUsable, options.now);
  const reused = candidate && input.hashesRecorded(candidate.entries) ? candidate : undefined;
  const decide = () => decideStories(snapshot, { ...input, changed: changedPaths(processed, files, previous) }, cache, options);
  if (!reused) return decidedNow(decide());
  options.progress?.('no story changed: the last build\'s release plan holds');
  return takenWhole(reused, decide);
}

/** The last build's decisions, whole: the entries themselves are decided only if the outputs must take them again. */
function takenWhole(reused: PlanSnapshot, decide: () => Decided): BuildDecisions {
  let decided: Decided | undefined;
  const later = () => (decided ??= decide());
  return {
    reused,
    entries: reused.entries,
    killItems: reused.killItems,
    names: new Map(reused.names),
    identities: undefined,
    released: () => later().plan.released,
    report: (streamed) => (streamed ? reportOf(later(), streamed) : { published: reused.published, held: heldOf(reused), rejected: rejectedOf(reused), kept: keptOf(reused) }),
    next: () => reused,
  };
}

/** This build's decisions, patched or decided from every record. */
function decidedNow(decided: Decided): BuildDecisions {
  const { plan, names, span } = decided;
  return {
    reused: undefined,
    entries: plan.released.length,
    killItems: plan.killed.map((story) => story.record.killItem!),
    names,
    identities: plan.released.map(entryIdentity),
    released: () => plan.released,
    report: (streamed) => reportOf(decided, streamed!),
    next: (report, live, saveOrder) => snapshotOf({ span, entries: plan.released.length, ...report, order: saveOrder(plan.released.map((story) => story.file.path)), killed: plan.killed, duplicates: plan.duplicates, names, live: live() }),
  };
}

/** What the build reports when its outputs took the entries. */
function reportOf({ rejected, kept, plan }: Decided, streamed: Streamed): StoryReport {
  return { published: streamed.published, held: plan.held, rejected: [...rejected, ...plan.duplicates, ...streamed.rejected], kept };
}

/** Story files processed again (`processed`) or gone since the last build. */
function changedPaths(processed: readonly string[], files: readonly StoryFile[], previous: Readonly<Record<string, unknown>>): string[] {
  const present = new Set(files.map((file) => file.path));
  return [...processed, ...Object.keys(previous).filter((path) => !present.has(path))];
}

/** What names an entry in the sequence checkpoints hash: where its parts lie (new each time the story is processed), or its file when its media failed. */
function entryIdentity(story: Entry): string {
  const { detail } = story.record;
  return detail ? `${detail[0]}:${detail[1]}:${detail[2]}` : `!${story.file.path}`;
}

/**
 * What the build decides about its stories: the last build's decisions patched for the files that
 * changed (plan-patch.ts) when the patch is sure, else decided from every record.
 */
function decideStories(snapshot: PlanSnapshot | undefined, change: PlanChange, cache: BuildCache, options: { now: Date; progress?: (line: string) => void }): Decided {
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
