import { compareNewestFirst, type Dated } from '../../newest-first.js';
import type { RenderedItem } from '../../rendered-item.js';
import { isWhole, type StoredEntry, type WindowChange, type WindowEntry } from '../../incremental/feed-window.js';

/*
 * The one planner of what a feed set's subscription feed shows, for the CLI build, the Lambda's
 * publish and its rebuild. A window is the head of the feed's order (`core/newest-first.ts`): its
 * newest entries, newest first, one per source, and `truncated` when older ones exist beyond it.
 * `planWindow` takes the window and a set of changes (new, corrected and removed stories) and
 * returns the next window and the entries the feed shows; when it needs what the window lacks (the
 * feed's order after deletions drained the spares, or the fragments of a spare moving up into the
 * feed) it yields a request and is resumed with the answer, so it stays pure and its callers only
 * read: the CLI never gets a request (its stream only appends), the publish answers from S3.
 * What the feed shows is a function of the set of stories: any arrival order, in sets of any size,
 * gives the window of the sorted set (`window-plan.test.ts`). The feed's files are
 * `subscriptionFeed` (`feed-set-files.ts`) of the shown entries, once the archive planner
 * (`archive-plan.ts`, which titles its pages by the window's section name) has planned the head
 * whose newest closed page the feed links.
 */

/**
 * A feed's window: `entries` newest first; `truncated` when the feed has items beyond them, all
 * older than the last. The first `itemLimit` (what the feed shows) are whole once planned; spares
 * may be facts only (`StoredEntry`).
 */
export interface WindowState<T> {
  entries: T[];
  truncated: boolean;
}

/** How a window is kept: how many entries the feed shows and the window holds, and what names an entry's source. */
export interface WindowRules<T> {
  itemLimit: number;
  capacity: number;
  sourceOf(entry: T): string;
}

/**
 * A window kept between publishes (the Lambda's publish, and the rebuild that writes it): the
 * feed's limit plus as many spares, so a removal seldom drains it below what the feed shows and
 * needs a refill from the order markers. Entries past the limit may be facts only (`StoredEntry`).
 */
export function keptWindowRules(itemLimit: number): WindowRules<StoredEntry> {
  return { itemLimit, capacity: itemLimit * 2, sourceOf: (entry) => entry.source };
}

/**
 * A window fed every story oldest first in one run (the CLI build): nothing leaves it but by age,
 * so it needs no spares, and a spare would only keep a corrected story in the state the build's
 * checkpoints compare for longer. The CLI names a story by its uri (release order deduped it).
 */
export function streamWindowRules(itemLimit: number): WindowRules<RenderedItem> {
  return { itemLimit, capacity: itemLimit, sourceOf: (entry) => entry.id };
}

/** An empty window. */
export function emptyWindowState<T>(): WindowState<T> {
  return { entries: [], truncated: false };
}

/**
 * What the planner needs before it goes on:
 * - `order`: the sources of the feed's newest `limit` items, newest first, and whether more exist
 *   (the publisher lists its order markers); resume with an `OrderHead`;
 * - `entries`: the whole entries of these sources (their item objects, read in parallel); resume
 *   with a map holding those that still exist.
 */
export type WindowNeed = { kind: 'order'; limit: number } | { kind: 'entries'; sources: string[] };

/** The head of a feed's order, as a refill reads it. */
export interface OrderHead {
  sources: string[];
  more: boolean;
}

/** An answer to a `WindowNeed`, of the kind it asked for. */
export type WindowAnswer = OrderHead | ReadonlyMap<string, WindowEntry>;

/** The planned window, and the entries its feed shows (whole, newest first, at most `itemLimit`). */
export interface WindowPlan<T, S extends WindowState<T>> {
  window: S;
  shown: Array<Extract<T, RenderedItem>>;
}

/**
 * Applies a set of changes to a feed's window (at most one per source and per uri: a burst of
 * changes to one story is its last), refills it when deletions left it short of its feed although
 * older items exist, and makes the entries it shows whole. The changes are a set: their order
 * within it does not matter.
 */
export function* planWindow<T extends Dated, S extends WindowState<T>>(
  rules: WindowRules<T>,
  previous: S,
  changes: Iterable<WindowChange<T>>,
): Generator<WindowNeed, WindowPlan<T, S>, WindowAnswer> {
  const changed = applyChanges(rules, previous, [...changes]);
  let next = changed.window;
  let reveals = changed.reveals;
  if (needsRefill(rules, next)) {
    next = yield* refill(rules, next);
    reveals = true;
  }
  if (reveals) next = yield* wholeShown(rules, next);
  // A spare whose item was gone left the window: it may now be short of what the feed shows.
  if (needsRefill(rules, next)) next = yield* wholeShown(rules, yield* refill(rules, next));
  return { window: next, shown: next.entries.slice(0, rules.itemLimit) as Array<Extract<T, RenderedItem>> };
}

/**
 * Runs a plan that cannot need a read: changes that only add entries newer than the window's
 * (a build or rebuild appending the feed oldest first) never drain it. Throws if it asks.
 */
export function planWithoutReads<T, S extends WindowState<T>>(plan: Generator<WindowNeed, WindowPlan<T, S>, WindowAnswer>): WindowPlan<T, S> {
  const step = plan.next();
  if (!step.done) throw new Error(`window plan asked for ${step.value.kind} while appending`);
  return step.value;
}

/** The entries a window's feed shows, which must be whole (the planner read them). */
export function shownEntries<T>(rules: WindowRules<T>, window: WindowState<T>): Array<Extract<T, RenderedItem>> {
  const shown = window.entries.slice(0, rules.itemLimit);
  if (!shown.every(isWhole)) throw new Error('a window entry the feed shows has no fragments; plan the window first');
  return shown;
}

/**
 * The set of changes on the window. A new version replaces every entry of its source or uri (an
 * update keeps its place and guid). The window knows every item not older than its last entry, so
 * while it is truncated a new version older than that edge stays outside it, where the order still
 * finds it; the edge is the window's before the changes, which makes the result independent of
 * their order. Entries past the capacity leave and mark it truncated.
 *
 * `reveals`: a spare may now be shown (an entry the feed showed left, or a change came without its
 * fragments). The entries a planned window shows are whole, so only then need the planner look for
 * facts among them: the CLI's appends skip that look.
 */
function applyChanges<T extends Dated, S extends WindowState<T>>(rules: WindowRules<T>, window: S, changes: WindowChange<T>[]): { window: S; reveals: boolean } {
  // A publish brings one change per feed, a batch a few: lists are enough.
  const sources: string[] = [];
  const ids: string[] = [];
  for (const change of changes) {
    const source = change.kind === 'remove' ? change.source : rules.sourceOf(change.entry);
    if (sources.includes(source) || (change.kind === 'upsert' && ids.includes(change.entry.id))) throw new Error(`window changes: more than one change of ${source}`);
    sources.push(source);
    if (change.kind === 'upsert') ids.push(change.entry.id);
  }
  const edge = window.entries[window.entries.length - 1];
  const entries: T[] = [];
  let reveals = false;
  for (let index = 0; index < window.entries.length; index++) {
    const entry = window.entries[index]!;
    if (!ids.includes(entry.id) && !sources.includes(rules.sourceOf(entry))) entries.push(entry);
    else if (index < rules.itemLimit) reveals = true;
  }
  for (const change of changes) {
    if (change.kind === 'remove') continue;
    const { entry } = change;
    if (!isWhole(entry)) reveals = true;
    let at = 0;
    while (at < entries.length && compareNewestFirst(entries[at]!, entry) < 0) at += 1;
    // Newer than an entry left, it is newer than the edge; past them all, it may be older.
    if (at === entries.length && window.truncated && edge && compareNewestFirst(entry, edge) > 0) continue;
    entries.splice(at, 0, entry);
  }
  const truncated = window.truncated || entries.length > rules.capacity;
  if (entries.length > rules.capacity) entries.length = rules.capacity;
  return { window: { ...window, entries, truncated }, reveals };
}

/** True when the window no longer fills its feed although older items exist: read them back. */
function needsRefill<T>(rules: WindowRules<T>, window: WindowState<T>): boolean {
  return window.truncated && window.entries.length < rules.itemLimit;
}

/**
 * Refills a window from the head of the feed's order (at most `capacity` sources) and the entries
 * those sources resolve to: entries already in the window are kept, the others read; a source
 * whose item is gone (its marker is stale) is left out.
 */
function* refill<T extends Dated, S extends WindowState<T>>(rules: WindowRules<T>, window: S): Generator<WindowNeed, S, WindowAnswer> {
  const listed = (yield { kind: 'order', limit: rules.capacity }) as OrderHead;
  const known = new Map(window.entries.map((entry) => [rules.sourceOf(entry), entry]));
  const missing = listed.sources.filter((source) => !known.has(source));
  const read = missing.length > 0 ? ((yield { kind: 'entries', sources: missing }) as ReadonlyMap<string, WindowEntry>) : new Map<string, WindowEntry>();
  const entries: T[] = [];
  const ids = new Set<string>();
  for (const source of listed.sources) {
    const entry = known.get(source) ?? (read.get(source) as T | undefined);
    if (!entry || ids.has(entry.id)) continue;
    ids.add(entry.id);
    entries.push(entry);
  }
  entries.sort(compareNewestFirst);
  return { ...window, entries: entries.slice(0, rules.capacity), truncated: listed.more || entries.length > rules.capacity };
}

/**
 * The window with every entry its feed shows whole: spares are kept as facts only, so one moving
 * up is read back from its item. A source whose item is gone (its story was removed while this
 * window still listed it) leaves the window, and the next spare moves up in turn.
 */
function* wholeShown<T, S extends WindowState<T>>(rules: WindowRules<T>, window: S): Generator<WindowNeed, S, WindowAnswer> {
  let next = window;
  for (;;) {
    const missing = next.entries
      .slice(0, rules.itemLimit)
      .filter((entry) => !isWhole(entry))
      .map((entry) => rules.sourceOf(entry));
    if (missing.length === 0) return next;
    const read = (yield { kind: 'entries', sources: missing }) as ReadonlyMap<string, WindowEntry>;
    const asked = new Set(missing);
    const entries = next.entries.flatMap((entry) => {
      const source = rules.sourceOf(entry);
      if (!asked.has(source)) return [entry];
      const whole = read.get(source);
      return whole ? [whole as unknown as T] : [];
    });
    next = { ...next, entries };
  }
}
