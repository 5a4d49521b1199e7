import type { SiteFile } from '../site-file.js';
import { feedFiles } from '../outputs/feed-set-sink.js';
import { archiveFeed, archiveFolder, pageIsFull } from '../outputs/feed-set-sink.js';
import type { SiteConfig } from '../site.js';
import { compareEntries, type ArchiveHead, type EntryFacts, type WindowChange, type WindowEntry } from './feed-window.js';
import type { FeedFolder } from './layout.js';

/** A closed archive page's state: its items (newest first) and the MD5 of each file last written. */
export interface ArchivePageState {
  entries: WindowEntry[];
  files: Record<string, string>;
}

/** An archive with no pages. */
export function emptyHead(): ArchiveHead {
  return { closed: 0, open: [], last: [] };
}

/** What one change does to a feed's archive. */
export interface ArchiveStep {
  head: ArchiveHead;
  /** The page the story is (or will be, once `open` closes) archived on; undefined when removed. */
  page?: number;
  /** A page that closed: write it, and re-link page `n − 1` to it. */
  closed?: { n: number; entries: WindowEntry[] };
  /** A change to an already closed page (correction, kill, section change). */
  edit?: { n: number; change: WindowChange };
}

/**
 * Applies one story's change to a feed's archive. `previousPage` is the page the story's record
 * says it was put on. A story on a closed page is edited there (RFC 5005 §4 lets archives change
 * for corrections; partners need kills honoured). A new story joins `open`, unless it is backdated
 * before the newest closed page's newest item: then it goes on that page (which may then hold more
 * than `itemLimit`), because `open` must stay newer than every closed item to stay inside the
 * subscription feed. Re-cutting every newer page by date would cost the archive's size; a rebuild does.
 */
export function applyArchiveChange(site: SiteConfig, head: ArchiveHead, change: WindowChange, previousPage: number | undefined): ArchiveStep {
  const source = change.kind === 'remove' ? change.source : change.entry.source;
  if (previousPage !== undefined && previousPage <= head.closed) {
    const step: ArchiveStep = { head, edit: { n: previousPage, change } };
    return change.kind === 'upsert' ? { ...step, page: previousPage } : step;
  }
  const others = head.open.filter((entry) => entry.source !== source && (change.kind === 'remove' || entry.id !== change.entry.id));
  if (change.kind === 'remove') return { head: { ...head, open: others } };
  const known = others.length < head.open.length;
  const boundary = head.last[0];
  if (!known && boundary && compareEntries(change.entry, boundary) > 0) return { head, page: head.closed, edit: { n: head.closed, change } };
  let next: ArchiveHead = { ...head, open: [...others, change.entry].sort(compareEntries) };
  if (known) return { head: next, page: head.closed + 1 };
  let closed: ArchiveStep['closed'];
  // The CLI closes the filling page before an item that would take it past the byte budget…
  if (pageIsFull(site, others, change.entry) && others.length < site.itemLimit) {
    closed = { n: head.closed + 1, entries: others };
    next = { closed: closed.n, open: [change.entry], last: others };
  }
  const page = next.closed + 1;
  // …and after the item that fills it.
  if (next.open.length >= site.itemLimit) {
    closed = { n: next.closed + 1, entries: next.open };
    next = { closed: closed.n, open: [], last: next.open };
  }
  return { head: next, page, ...(closed && { closed }) };
}

/** Applies a change to the items of a closed page: a correction in place, or a removal. */
export function editPage(entries: WindowEntry[], change: WindowChange): WindowEntry[] {
  if (change.kind === 'remove') return entries.filter((entry) => entry.source !== change.source);
  const others = entries.filter((entry) => entry.source !== change.entry.source && entry.id !== change.entry.id);
  return [...others, change.entry].sort(compareEntries);
}

/** The three files of archive page `n`; `hasNewer` when page n + 1 exists (its `next-archive` link). */
export function renderArchivePage(site: SiteConfig, folder: FeedFolder, meta: { title: string; description: string }, n: number, entries: WindowEntry[], hasNewer: boolean): SiteFile[] {
  return feedFiles(archiveFolder(folder, n), archiveFeed(site, folder, meta, n, entries, hasNewer));
}
