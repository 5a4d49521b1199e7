import type { CachedStory, PlanSnapshot } from '../../core/ports/build-cache.js';
import type { StoryFile } from '../../core/ports/content-source.js';
import type { HeldStories } from '../../core/held-stories.js';
import { publishedRecord, type BuildRecord, type ParsedRecord } from '../../core/build-record.js';
import { compareTakeDowns, planRelease } from '../../core/release-plan.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import { StoryError } from '../../core/story-error.js';
import { asStory, type Keyed } from './build-stories.js';
import { reusablePlan, stableSpan } from './plan-snapshot.js';

/**
 * The last build's release plan patched for the few story files that changed, instead of deciding
 * it again from every record. Dedupe is decided per uri and release, take-down and holding per
 * story, so only the files naming a uri that a changed file names (before or after the change)
 * decide anything new: the plan of those alone, before and after, tells which entries leave the
 * release order and which enter it, where (the order is total: first publication, then id), and
 * how the counts move. Every other story decides as it did, since `now` lies in the last build's
 * stable span.
 */

/** A story as the outputs take it: its published record and its file. */
export type Entry = Pick<Keyed, 'record' | 'file'>;

/** What changed since the last build. */
export interface PlanChange {
  /** The last build's stories by file path. */
  previous: Readonly<Record<string, CachedStory<BuildRecord>>>;
  files: readonly StoryFile[];
  /** This build's record of each file, by the file's index: an unchanged file's is the very record of `previous`. */
  records: readonly BuildRecord[];
  /** Files processed again, and files gone. */
  changed: readonly string[];
}

/** The release plan's parts a streaming build takes, as `planRelease` over every story would give them. */
export interface PatchedPlan {
  released: Entry[];
  killed: Entry[];
  duplicates: StoryError[];
  held: HeldStories;
  /** Section slug → name, as `sectionNames` over the entries gives them (in another order: they are looked up). */
  names: Map<string, string>;
  span: { from: number | null; until: number | null };
}

/**
 * The patched plan, or undefined when the patch cannot be sure and the build must decide from every
 * record: `now` outside the last build's stable span (an unchanged story may release or be taken
 * down); the entries the snapshot records for the affected uris are not those their old files give
 * (a snapshot out of step with the story index); an unchanged entry without its file or record; or
 * the first embargo's end was an affected story's (the next one is not known without every story).
 */
export function patchPlan(snapshot: PlanSnapshot, order: readonly string[], change: PlanChange, now: Date): PatchedPlan | undefined {
  if (!reusablePlan(snapshot, true, now)) return undefined;
  const { previous, files, records } = change;
  const indexOf = new Map<string, number>();
  files.forEach((file, index) => indexOf.set(file.path, index));
  const recordAt = (path: string) => {
    const index = indexOf.get(path);
    return index === undefined ? undefined : publishedRecord(records[index]!);
  };

  const uris = new Set<string>();
  for (const path of change.changed) {
    const cached = previous[path];
    const before = cached && publishedRecord(cached.record);
    const after = recordAt(path);
    if (before) uris.add(before.id);
    if (after) uris.add(after.id);
  }
  // The last build's stories of those uris: the changed files' as they were, and the unchanged files', whose
  // records are the last build's (so the last build's 10k stories need not be walked).
  const changed = new Set(change.changed);
  const old: Keyed[] = [];
  for (const path of changed) {
    const cached = previous[path];
    const record = cached && publishedRecord(cached.record);
    if (record && uris.has(record.id)) old.push(asStory(record, { path, display: record.source }));
  }
  const current: Keyed[] = [];
  records.forEach((built, index) => {
    const record = publishedRecord(built);
    if (!record || !uris.has(record.id)) return;
    const file = files[index]!;
    current.push(asStory(record, file));
    if (!changed.has(file.path)) old.push(asStory(record, { path: file.path, display: record.source }));
  });
  const before = planRelease(old, now);
  const after = planRelease(current, now);

  // A changed file leaves too: one the last build's index did not hold (its stat failed) but its order did then fails the count below.
  const leaving = new Set([...old.map((story) => story.file.path), ...changed]);
  const entryOf = (path: string): Entry | undefined => {
    const record = recordAt(path);
    return record && { record, file: files[indexOf.get(path)!]! };
  };
  const released = patchedOrder(order, leaving, before.released.length, after.released, entryOf, compareOldestFirst);
  const killed = patchedOrder(snapshot.killed, leaving, before.killed.length, after.killed, entryOf, compareTakeDownsOf);
  if (!released || !killed) return undefined;

  const leftSources = new Set(before.duplicates.map((error) => error.file));
  const kept = snapshot.duplicates.filter(([file]) => !leftSources.has(file));
  if (kept.length !== snapshot.duplicates.length - before.duplicates.length) return undefined;
  // Dedupe reports them in the order of their files' sources.
  const duplicates = [...kept.map(([file, problems]) => new StoryError(file, problems)), ...after.duplicates].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const nextRelease = snapshot.held.nextRelease;
  if (nextRelease !== undefined && before.held.nextRelease?.getTime() === nextRelease) return undefined;
  const due = [nextRelease, after.held.nextRelease?.getTime()].filter((time) => time !== undefined);
  const held: HeldStories = {
    embargoed: snapshot.held.embargoed - before.held.embargoed + after.held.embargoed,
    withheld: snapshot.held.withheld - before.held.withheld + after.held.withheld,
    ...(due.length > 0 && { nextRelease: new Date(Math.min(...due)) }),
  };

  // A story gone keeps narrowing the span until the next full decision: narrower only decides sooner.
  const around = stableSpan(current.map((story) => story.record), now.getTime());
  const span = {
    from: around.from === null ? snapshot.from : Math.max(around.from, snapshot.from ?? -Infinity),
    until: around.until === null ? snapshot.until : Math.min(around.until, snapshot.until ?? Infinity),
  };
  return { released, killed, duplicates, held, names: patchedNames(snapshot.names, [...old, ...current], released), span };
}

/**
 * The last build's section names, each section an affected story names (before or after) named again
 * by the newest entry naming it, by its first name for it (`sectionNames`).
 */
function patchedNames(last: PlanSnapshot['names'], affected: readonly Keyed[], released: readonly Entry[]): Map<string, string> {
  const names = new Map(last);
  const slugs = new Set(affected.flatMap((story) => (story.record.sections ?? []).map((section) => section.slug)));
  for (const slug of slugs) {
    names.delete(slug);
    for (let index = released.length - 1; index >= 0; index -= 1) {
      const { record } = released[index]!;
      const named = record.detail && record.sections?.find((section) => section.slug === slug);
      if (!named) continue;
      names.set(slug, named.name);
      break;
    }
  }
  return names;
}

/**
 * The last build's `order` without the files in `leaving` (which must have taken `left` places in it),
 * with `entering` placed by `compare`; undefined when it does not add up.
 */
function patchedOrder(order: readonly string[], leaving: ReadonlySet<string>, left: number, entering: readonly Keyed[], entryOf: (path: string) => Entry | undefined, compare: (a: ParsedRecord, b: ParsedRecord) => number): Entry[] | undefined {
  const entries: Entry[] = [];
  for (const path of order) {
    if (leaving.has(path)) continue;
    const entry = entryOf(path);
    if (!entry) return undefined;
    entries.push(entry);
  }
  if (entries.length !== order.length - left) return undefined;
  for (const story of entering) {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(entries[middle]!.record, story.record) < 0) low = middle + 1;
      else high = middle;
    }
    entries.splice(low, 0, { record: story.record, file: story.file });
  }
  return entries;
}

/** The entries' order (`planRelease`): the newest-first order reversed. */
function compareOldestFirst(a: ParsedRecord, b: ParsedRecord): number {
  return compareNewestFirst(asStory(b, NO_FILE), asStory(a, NO_FILE));
}

function compareTakeDownsOf(a: ParsedRecord, b: ParsedRecord): number {
  return compareTakeDowns(asStory(a, NO_FILE), asStory(b, NO_FILE));
}

/** Comparing stories reads only their dates and ids. */
const NO_FILE: StoryFile = { path: '', display: '' };
