import { compareNewestFirst, type Dated } from '../../core/newest-first.js';
import { sourceHash } from '../../core/incremental/layout.js';
import type { StateKeys } from '../../core/ports/state-keys.js';
import type { ScannedStory } from './scan-stories.js';

/**
 * Where a rebuild places the last good version of a file whose new version its render refuses (its
 * media): at that version's own place in the feeds' order, by its own first publication and id, as
 * the CLI build (`build-record.ts`, `publishedRecord`) and a publish (which writes nothing for a
 * refused version) leave it. Not at the refused file's place: a new version that changes
 * `firstCreated` would move the story, or, where nothing took that place, withdraw it.
 *
 * The stories are placed oldest first; the kept versions, known before the first story is placed,
 * wait here and are handed out just before the first story newer than each. The one-invocation
 * rebuild places stories through it and the state machine's cut step cuts archive pages through it,
 * so both number the pages alike.
 */
export class KeptPlacement<T> {
  /** Newest first, so the next one due is the last. */
  private readonly waiting: Array<{ at: Dated; item: T }> = [];

  /** Adds a kept version, placed at `at` (its own first publication and id). */
  add(at: Dated, item: T): void {
    this.waiting.push({ at, item });
    this.waiting.sort((a, b) => compareNewestFirst(a.at, b.at));
  }

  /** Whether a kept version still waiting goes before `story`, one not yet placed (the newest of a part of the stories). */
  dueBy(story: Dated): boolean {
    const next = this.waiting.at(-1);
    return next !== undefined && compareNewestFirst(next.at, story) > 0;
  }

  /** The kept versions older than `next`, the story about to be placed, oldest first: placed before it. */
  before(next: Dated): T[] {
    const due: T[] = [];
    while (this.waiting.length > 0 && compareNewestFirst(this.waiting.at(-1)!.at, next) > 0) due.push(this.waiting.pop()!.item);
    return due;
  }

  /** The kept versions newer than every story, oldest first: placed after the last. */
  rest(): T[] {
    return this.waiting.splice(0).reverse().map(({ item }) => item);
  }
}

/**
 * Whether a story file's published version may stand elsewhere in the order than the file's own date
 * says: the file has a record but no order marker in the main feed (which holds every published
 * story) at that date. A rebuild that renders as it places (in one invocation) renders these first:
 * one refused there keeps a version that may belong before stories already placed.
 */
export function mayBeMoved(keys: StateKeys, listed: (key: string) => boolean, facts: ScannedStory): boolean {
  const hash = sourceHash(facts.key);
  return listed(keys.record(hash)) && !listed(keys.order('', facts.published.toISOString(), hash));
}
