import { factsOf, isWhole, type EntryFacts, type FeedWindow, type WindowEntry } from './feed-window.js';

/**
 * A feed window as stored: every publish of a story in the feed reads it and writes it back, so
 * each fragment is stored once. Entries past the item limit keep their facts only; the archive's
 * filling page names the entries it shares with the window by source instead of repeating them
 * (it is the feed's newest items, so it always does), except an entry the window holds in another
 * version, which is stored whole; the last closed page keeps its facts only.
 */
export interface StoredWindow extends Omit<FeedWindow, 'archive'> {
  archive?: { closed: number; open: Array<WindowEntry | string>; last: EntryFacts[] };
}

/** The stored form of a window whose feed shows `itemLimit` items. */
export function storeWindow(window: FeedWindow, itemLimit: number): StoredWindow {
  const entries = window.entries.map((entry, index) => (index < itemLimit ? entry : factsOf(entry)));
  const stored: StoredWindow = { folder: window.folder, entries, truncated: window.truncated, files: window.files };
  if (!window.archive) return stored;
  const whole = new Map(entries.filter(isWhole).map((entry) => [entry.source, entry]));
  const { closed, open, last } = window.archive;
  return { ...stored, archive: { closed, open: open.map((entry) => (sameEntry(whole.get(entry.source), entry) ? entry.source : entry)), last: last.map(factsOf) } };
}

/** The window a stored one describes. Throws when the archive names an entry the window lacks (damaged state). */
export function loadWindow(stored: StoredWindow): FeedWindow {
  const { archive, ...window } = stored;
  if (!archive) return window;
  const whole = new Map(stored.entries.filter(isWhole).map((entry) => [entry.source, entry]));
  const open = archive.open.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const found = whole.get(entry);
    if (!found) throw new Error(`feed ${stored.folder || 'main'}: its archive names ${entry}, which its window does not hold`);
    return found;
  });
  return { ...window, archive: { closed: archive.closed, open, last: archive.last } };
}

/**
 * True when the window's entry is this one: the same object, or equal field by field (a window read
 * before holds copies). Fragments read from framed state compare by where their bytes lie, so equal
 * bytes in two places count as different: the entry is then stored whole, which is never wrong.
 */
function sameEntry(stored: WindowEntry | undefined, entry: WindowEntry): boolean {
  return stored === entry || (stored !== undefined && JSON.stringify(stored) === JSON.stringify(entry));
}
