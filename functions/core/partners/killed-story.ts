import type { Story } from '../story.js';

/**
 * True when a story was public and has since been taken down: `canceled` or `withheld`, its first
 * publication and the take-down version both at or before `now`, the take-down later than the first
 * publication, and no embargo still running. A story that was never released (first version already
 * canceled, or embargoed) is not a kill: announcing it would leak it.
 */
export function isKilled(story: Pick<Story, 'status' | 'embargoedUntil' | 'published' | 'updated'>, now: Date): boolean {
  if (story.status === 'usable') return false;
  const at = now.getTime();
  if (story.embargoedUntil && story.embargoedUntil.getTime() > Math.min(at, story.updated.getTime())) return false;
  return story.published.getTime() <= at && story.updated.getTime() <= at && story.published.getTime() < story.updated.getTime();
}
