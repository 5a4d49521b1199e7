import { withoutFragments, FRAGMENT_KEYS, type RenderedItem } from '../rendered-item.js';
import type { FormatId } from '../formats/registry.js';
import type { FeedFolder } from './layout.js';

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
export function isWhole<T>(entry: T): entry is Extract<T, RenderedItem> {
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
 * The cached head of one feed as the publisher stores it: its window (newest entries, newest first,
 * planned by `core/outputs/feed-set/window-plan.ts`, which keeps spares so that deletions rarely
 * force a refill), the MD5s of its files and its archive head. A window is the only thing a
 * one-story change reads to re-render a feed, so its size is bounded by the item limit, never by
 * the archive.
 */
export interface FeedWindow {
  folder: FeedFolder;
  /** Whole for the first `itemLimit` (what the feed shows, once planned), facts past them. */
  entries: StoredEntry[];
  /** True when the feed has items beyond `entries` (every one of them older than the last entry). */
  truncated: boolean;
  /** MD5 of each file last published from this window, by site path: skip PUTs of equal bytes. */
  files: Record<string, string>;
  /** The feed's RFC 5005 archive head (`core/outputs/feed-set/archive-plan.ts`); absent before the first archived item. */
  archive?: ArchiveHead;
}

/** One story's effect on one feed: its new version, or its removal (by the source it came from). */
export type WindowChange<T = WindowEntry> = { kind: 'upsert'; entry: T } | { kind: 'remove'; source: string };

/** An empty window for a feed that has no state yet. */
export function emptyWindow(folder: FeedFolder): FeedWindow {
  return { folder, entries: [], truncated: false, files: {} };
}
