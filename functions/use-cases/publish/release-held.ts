import type { PublishContext } from './publish-context.js';
import type { HeldList, StoryOutcome } from './publish-story.js';
import { publishBatch, type BatchResult } from './publish-batch.js';
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
 * Stories released together: a morning's embargoes write each feed once per hundred stories, and a
 * backlog of thousands (a release schedule that was off) holds a hundred prepared stories at a time.
 */
const RELEASE_BATCH = 100;

/**
 * Publishes every held story whose embargo (or future date) has passed by `ctx.now` in batches
 * (`publishBatch`: stories embargoed to the same hour write each feed once). A story that fails
 * does not stop the others; it stays held for the next run. Then the news sitemap drops what aged
 * out, which no story change would do on a quiet day.
 */
export async function releaseHeld(ctx: PublishContext, events: ReleaseEvents): Promise<ReleaseSummary> {
  const held = (await ctx.state.readJson<HeldList>(ctx.state.keys.held))?.value ?? {};
  const due = Object.entries(held).filter(([, at]) => Date.parse(at) <= ctx.now.getTime()).map(([key]) => key).sort();
  const failed: string[] = [];
  const results = new Map<string, BatchResult>();
  for (let at = 0; at < due.length; at += RELEASE_BATCH) {
    for (const [key, result] of await publishBatch(ctx, due.slice(at, at + RELEASE_BATCH))) results.set(key, result);
  }
  for (const key of due) {
    const result = results.get(key);
    if (result && 'outcome' in result) events.released(key, result.outcome);
    else {
      failed.push(key);
      events.failed(key, result?.error);
    }
  }
  await pruneSitemap(ctx);
  return { released: due.length - failed.length, failed };
}
