import type { RenderedItem } from '../../rendered-item.js';
import { itemBytes, PAGE_ITEM_BUDGET } from '../feed-budget.js';

/**
 * The one rule that cuts a feed's RFC 5005 archive into pages, for the CLI build, the Lambda's
 * publish and its rebuild alike. Items come oldest first. A page closes after the item that brings
 * it to `itemLimit` items, or before an item that would take its items past the page byte budget
 * (never empty: an item alone on a page stays). Page n = 1 holds the oldest. The cut is a function
 * of the ordered items only, so the same stories give the same pages however they arrived.
 */
export interface PageCutter<T> {
  /** Adds the next item (older than none before it); returns the pages it closed and the page it is on. */
  add(item: T): { page: number; closed: T[][] };
  /** The items of the page still filling, oldest first. */
  readonly filling: readonly T[];
  /** Pages closed so far, counting those before `startAt`. */
  readonly closedCount: number;
  /** The cutter's state, to continue later (`resumeCutter`). */
  state(): CutterState<T>;
}

/** Where a cut stands between items. */
export interface CutterState<T> {
  filling: T[];
  fillingBytes: number;
  closedCount: number;
}

/** A cutter starting on a fresh page after `closedCount` pages already cut. */
export function createPageCutter<T extends RenderedItem>(itemLimit: number, closedCount = 0): PageCutter<T> {
  return resumeCutter(itemLimit, { filling: [], fillingBytes: 0, closedCount });
}

/** A cutter continuing from a saved state (the CLI's checkpoints). */
export function resumeCutter<T extends RenderedItem>(itemLimit: number, saved: CutterState<T>): PageCutter<T> {
  return resumeSizedCutter(itemLimit, saved, itemBytes);
}

/**
 * The rule itself, over items known by their size (`bytesOf`, what `itemBytes` gives for the
 * rendered item): the distributed rebuild cuts its feeds from the sizes its render children
 * stored, without the items (docs/decisions/005, step 4).
 */
export function resumeSizedCutter<T>(itemLimit: number, saved: CutterState<T>, bytesOf: (item: T) => number): PageCutter<T> {
  let filling = [...saved.filling];
  let fillingBytes = saved.fillingBytes;
  let closedCount = saved.closedCount;
  const close = (closed: T[][]) => {
    closed.push(filling);
    closedCount += 1;
    filling = [];
    fillingBytes = 0;
  };
  return {
    add(item) {
      const closed: T[][] = [];
      const bytes = bytesOf(item);
      if (filling.length > 0 && fillingBytes + bytes > PAGE_ITEM_BUDGET) close(closed);
      filling.push(item);
      fillingBytes += bytes;
      const page = closedCount + 1;
      if (filling.length >= itemLimit) close(closed);
      return { page, closed };
    },
    get filling() {
      return filling;
    },
    get closedCount() {
      return closedCount;
    },
    state: () => ({ filling: [...filling], fillingBytes, closedCount }),
  };
}
