import type { Story } from './story.js';

/** Stories a build kept out of every output, by why: time will release the embargoed, not the withheld. */
export interface HeldStories {
  /** Usable stories whose embargo or publication time is still to come. */
  embargoed: number;
  /** Stories whose pubStatus is not `usable` (withheld or canceled): no date releases them. */
  withheld: number;
  /** When the first embargoed story is due: the build to run then publishes it. */
  nextRelease?: Date;
}

/** Counts the stories not released at `now` (see `isReleased`) by why they are held. */
export function countHeld(stories: Iterable<Pick<Story, 'status' | 'embargoedUntil' | 'published'>>, now: Date): HeldStories {
  const held: HeldStories = { embargoed: 0, withheld: 0 };
  for (const story of stories) {
    if (story.status !== 'usable') {
      held.withheld += 1;
      continue;
    }
    // Released at the later of the embargo's end and the publication time, as isReleased decides.
    const due = Math.max(story.embargoedUntil?.getTime() ?? -Infinity, story.published.getTime());
    if (due <= now.getTime()) continue;
    held.embargoed += 1;
    if (held.nextRelease === undefined || due < held.nextRelease.getTime()) held.nextRelease = new Date(due);
  }
  return held;
}
