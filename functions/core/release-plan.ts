import type { Story } from './story.js';
import type { StoryError } from './story-error.js';
import { dedupeStories } from './dedupe-stories.js';
import { isReleased } from './feed.js';
import { compareNewestFirst } from './newest-first.js';
import { countHeld, type HeldStories } from './held-stories.js';
import { isKilled } from './partners/killed-story.js';

/** What the release plan reads of a story: the in-memory build passes stories, the streaming build its cached records' facts. */
export type ReleaseFacts = Pick<Story, 'id' | 'version' | 'updated' | 'source' | 'status' | 'embargoedUntil' | 'published'>;

/** Which stories a build publishes at `now`, in the order the outputs take them. */
export interface ReleasePlan<T> {
  /** One story per uri (see `dedupeStories`), in no particular order. */
  kept: T[];
  /** Files refused for claiming the uri and version of another. */
  duplicates: StoryError[];
  /** Kept stories released at `now`, oldest first: archives fill from the oldest. */
  released: T[];
  /** Kept stories taken down since they were public, oldest take-down first: announced before any entry. */
  killed: T[];
  /** Kept stories not released at `now`, by why. */
  held: HeldStories;
}

/**
 * Decides, once for every build path, what a set of stories publishes at `now`: dedupe first (a
 * newer version of a uri replaces the older, whatever its status), then release (embargo and
 * publication time) and take-downs among what is left. A correction is a newer version of the same
 * uri: it replaces the story and keeps its place, since the order is by first publication.
 */
export function planRelease<T extends ReleaseFacts>(stories: T[], now: Date): ReleasePlan<T> {
  const { stories: kept, rejected: duplicates } = dedupeStories(stories);
  // Reversing the newest-first order (rather than sorting oldest first) keeps its tie order.
  const released = kept.filter((story) => isReleased(story, now)).sort(compareNewestFirst).reverse();
  const killed = kept.filter((story) => isKilled(story, now)).sort(compareTakeDowns);
  return { kept, duplicates, released, killed, held: countHeld(kept, now) };
}

/** The order of take-downs announced before the entries: the oldest take-down first, ties by id. */
export function compareTakeDowns(a: Pick<ReleaseFacts, 'updated' | 'id'>, b: Pick<ReleaseFacts, 'updated' | 'id'>): number {
  return a.updated.getTime() - b.updated.getTime() || (a.id < b.id ? -1 : 1);
}
