import { withoutFragments, FRAGMENT_KEYS, type RenderedItem } from '../rendered-item.js';
import type { FormatId } from '../formats/registry.js';
import type { FeedFolder } from './layout.js';
import { compareNewestFirst } from '../newest-first.js';

/** A rendered item in a window, with the source it came from (to remove it when that source goes). */
export interface WindowEntry extends RenderedItem {
  /** Source hash (see `sourceHash`). */
  source: string;
}

/** An entry without its fragments: what orders, dedupes, titles and budgets it. */
export type EntryFacts = Omit<WindowEntry, FormatId>;

/**
 * An entry as a window holds it: whole while the feed shows it, its facts only past that (its
 * fragments stay in the story's item object, read back if it moves up). The spare entries were
 * two thirds of a window's megabytes, read and written by every publish.
 */
export type StoredEntry = WindowEntry | EntryFacts;

/** True when the entry carries its fragments. */
export function isWhole(entry: StoredEntry): entry is WindowEntry {
  return FRAGMENT_KEYS.every((key) => typeof (entry as Partial<WindowEntry>)[key] === 'string');
}

/** The facts of an entry, without its fragments. */
export function factsOf(entry: StoredEntry): EntryFacts {
  return isWhole(entry) ? withoutFragments(entry) : entry;
}

/**
 * The growing end of a feed's RFC 5005 archive (`core/outputs/feed-set/archive-plan.ts`), kept inside the feed's window
 * object so the common publish (a new story) costs no extra request. Pages `1..closed` are written;
 * `open` holds the items since the last close, newest first, and becomes page `closed + 1` when the
 * cut (`core/outputs/feed-set/archive-cut.ts`) closes it. `last` holds the facts of page `closed`'s items (its newest is
 * the boundary a late story is compared with); their fragments are in the page's own state.
 */
export interface ArchiveHead {
  closed: number;
  open: WindowEntry[];
  last: EntryFacts[];
}

/**
 * The cached head of one feed: its newest entries, newest first, holding more than the feed shows
 * so that deletions rarely force a refill. A window is the only thing a one-story change reads to
 * re-render a feed, so its size is bounded by the item limit, never by the archive.
 */
export interface FeedWindow {
  folder: FeedFolder;
  /** Whole for the first `itemLimit` (what the feed shows, once `wholeShown` holds), facts past them. */
  entries: StoredEntry[];
  /** True when the feed has items beyond `entries` (every one of them older than the last entry). */
  truncated: boolean;
  /** MD5 of each file last published from this window, by site path: skip PUTs of equal bytes. */
  files: Record<string, string>;
  /** The feed's RFC 5005 archive head (`core/outputs/feed-set/archive-plan.ts`); absent before the first archived item. */
  archive?: ArchiveHead;
}

/** One story's effect on one feed. */
export type WindowChange = { kind: 'upsert'; entry: WindowEntry } | { kind: 'remove'; source: string };

/** An empty window for a feed that has no state yet. */
export function emptyWindow(folder: FeedFolder): FeedWindow {
  return { folder, entries: [], truncated: false, files: {} };
}

/** Entries a window keeps: the feed's limit plus as many spare, so deletions seldom need a refill. */
export function windowCapacity(itemLimit: number): number {
  return itemLimit * 2;
}

/**
 * Applies changes to a window. An upsert replaces the entry of the same source or id (so an update
 * keeps its place and guid); an entry older than the tail of a truncated window stays outside it,
 * where the order markers still find it. Entries past `capacity` are dropped and mark it truncated.
 */
export function applyChanges(window: FeedWindow, changes: WindowChange[], capacity: number): FeedWindow {
  let entries = [...window.entries];
  let truncated = window.truncated;
  for (const change of changes) {
    if (change.kind === 'remove') {
      entries = entries.filter((entry) => entry.source !== change.source);
      continue;
    }
    const { entry } = change;
    // The tail before removing the old version: an update of the tail entry itself stays inside.
    const tail = entries[entries.length - 1];
    entries = entries.filter((existing) => existing.source !== entry.source && existing.id !== entry.id);
    if (truncated && tail && compareNewestFirst(entry, tail) > 0) continue;
    entries.push(entry);
    entries.sort(compareNewestFirst);
    if (entries.length > capacity) {
      entries = entries.slice(0, capacity);
      truncated = true;
    }
  }
  return { ...window, entries, truncated };
}

/** True when the window no longer fills its feed although older items exist: read them back. */
export function needsRefill(window: FeedWindow, itemLimit: number): boolean {
  return window.truncated && window.entries.length < itemLimit;
}

/**
 * Refills a window from the head of the feed's order (newest first, at most `capacity` sources, as
 * listed from the markers) and the entries those sources resolve to. Entries already in the window
 * are reused; `lookup` returns undefined for a source that is gone (its marker is stale).
 */
export function refillWindow(
  window: FeedWindow,
  listed: { sources: string[]; more: boolean },
  lookup: (source: string) => StoredEntry | undefined,
  capacity: number,
): FeedWindow {
  const known = new Map(window.entries.map((entry) => [entry.source, entry]));
  const entries: StoredEntry[] = [];
  const ids = new Set<string>();
  for (const source of listed.sources) {
    const entry = known.get(source) ?? lookup(source);
    if (!entry || ids.has(entry.id)) continue;
    ids.add(entry.id);
    entries.push(entry);
  }
  entries.sort(compareNewestFirst);
  return { ...window, entries: entries.slice(0, capacity), truncated: listed.more || entries.length > capacity };
}

/** Sources whose entries a refill must read because the window does not hold them. */
export function missingSources(window: FeedWindow, sources: string[]): string[] {
  const known = new Set(window.entries.map((entry) => entry.source));
  return sources.filter((source) => !known.has(source));
}

/** Sources of the entries the feed shows that the window holds as facts only: read their items before rendering it. */
export function factsOnlyShown(window: FeedWindow, itemLimit: number): string[] {
  return window.entries
    .slice(0, itemLimit)
    .filter((entry) => !isWhole(entry))
    .map((entry) => entry.source);
}

/**
 * Puts whole entries (read from their items) in place of facts-only ones. A source without one is
 * gone (its story was removed while this window still listed it) and leaves the window.
 */
export function withWholeEntries(window: FeedWindow, sources: string[], whole: Map<string, WindowEntry>): FeedWindow {
  const read = new Set(sources);
  const entries = window.entries.flatMap((entry) => (read.has(entry.source) ? (whole.has(entry.source) ? [whole.get(entry.source)!] : []) : [entry]));
  return { ...window, entries };
}

/** The entries the feed shows, which must be whole by now (`factsOnlyShown` is empty). */
export function shownEntries(window: FeedWindow, itemLimit: number): WindowEntry[] {
  const shown = window.entries.slice(0, itemLimit);
  if (!shown.every(isWhole)) throw new Error(`feed ${window.folder || 'main'}: a shown entry has no fragments; read its item first`);
  return shown;
}

/** Builds a full window from every item of a feed (rebuild mode). */
export function windowFromAll(folder: FeedFolder, entries: WindowEntry[], capacity: number): FeedWindow {
  const sorted = [...entries].sort(compareNewestFirst);
  return { folder, entries: sorted.slice(0, capacity), truncated: sorted.length > capacity, files: {} };
}
