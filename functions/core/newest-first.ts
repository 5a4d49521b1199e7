/**
 * The one order of every feed, archive page, partner feed and sitemap: newest first by first
 * publication, so a correction keeps its place; ties by id, so the order is total and the same
 * whatever order the stories came in. Dates are a story's `Date` or a stored item's ISO 8601 text.
 */
export function compareNewestFirst(a: Dated, b: Dated): number {
  return timeOf(b.published) - timeOf(a.published) || compareIds(a.id, b.id);
}

/**
 * The order of take-downs (MSN kills) among themselves: the latest take-down first, ties by id. A
 * partner feed keeps the newest `itemLimit` of them, whatever order they were announced in.
 */
export function compareLatestUpdateFirst(a: { updated: Date | string; id: string }, b: { updated: Date | string; id: string }): number {
  return timeOf(b.updated) - timeOf(a.updated) || compareIds(a.id, b.id);
}

/** Something placed in the order: its first publication and its id. */
export interface Dated {
  published: Date | string;
  id: string;
}

function timeOf(date: Date | string): number {
  return typeof date === 'string' ? Date.parse(date) : date.getTime();
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
