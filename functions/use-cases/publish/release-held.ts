import { HELD_KEY } from '../../core/incremental/state-keys.js';
import type { PublishContext } from './publish-context.js';
import { publishStory, type HeldList, type StoryOutcome } from './publish-story.js';
import { pruneSitemap } from './syndication.js';

/** What the scheduled release tells its caller of each due story, as it goes (for logs and metrics). */
export interface ReleaseEvents {
  released(key: string, outcome: StoryOutcome): void;
  failed(key: string, error: unknown): void;
}

/** The scheduled release's answer: how many due stories were published, and the keys that failed. */
export interface ReleaseSummary {
  released: number;
  failed: string[];
}

/**
 * Publishes every held story whose embargo (or future date) has passed by `ctx.now`, in key order.
 * A story that fails does not stop the others; it stays held for the next run. Then the news sitemap
 * drops what aged out, which no story change would do on a quiet day.
 */
export async function releaseHeld(ctx: PublishContext, events: ReleaseEvents): Promise<ReleaseSummary> {
  const held = (await ctx.state.readJson<HeldList>(HELD_KEY))?.value ?? {};
  const due = Object.entries(held).filter(([, at]) => Date.parse(at) <= ctx.now.getTime()).map(([key]) => key).sort();
  const failed: string[] = [];
  for (const key of due) {
    try {
      events.released(key, await publishStory(ctx, key));
    } catch (error) {
      failed.push(key);
      events.failed(key, error);
    }
  }
  await pruneSitemap(ctx);
  return { released: due.length - failed.length, failed };
}
