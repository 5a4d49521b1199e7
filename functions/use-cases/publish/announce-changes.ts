import { invalidationPaths } from '../../core/incremental/invalidation-paths.js';
import { changedFeedTopics } from '../../core/incremental/websub-topics.js';
import type { Cdn, FeedHubs, HubNotice } from '../../core/ports/change-notices.js';
import type { PublishContext } from './publish-context.js';

/** Where an invocation announces the files it changed: the CDN when the site has one, and the WebSub hubs. */
export interface ChangeListeners {
  cdn: Cdn | undefined;
  hubs: FeedHubs;
}

/** What the announcement tells its caller (for logs and metrics). */
export interface AnnounceEvents {
  invalidated(paths: string[]): void;
  invalidationFailed(paths: string[], error: unknown): void;
  hubsNotified(hubs: readonly string[], topics: string[]): void;
  hubsFailed(failed: HubNotice[]): void;
}

/**
 * Once per invocation, after every record: has the CDN drop the changed paths, then tells the
 * site's hubs which feeds changed. Neither failure fails the invocation: the files are published.
 * `reference` makes a retried invalidation idempotent (the invocation's request id).
 */
export async function announceChanges(ctx: PublishContext, listeners: ChangeListeners, reference: string, events: AnnounceEvents): Promise<void> {
  await invalidate(ctx, listeners.cdn, reference, events);
  await notifyHubs(ctx, listeners.hubs, events);
}

async function invalidate(ctx: PublishContext, cdn: Cdn | undefined, reference: string, events: AnnounceEvents): Promise<void> {
  const paths = invalidationPaths(ctx.writer.changed);
  if (!cdn || paths.length === 0) return;
  try {
    await cdn.invalidate(paths, reference);
  } catch (error) {
    // The SDK already retried. Failing the batch would not help: a redelivery finds nothing changed
    // and invalidates nothing. The files are published; the CDN serves the old ones until their
    // Cache-Control max-age runs out (adapters/s3-cache-policy.ts). Alarm on the metric.
    events.invalidationFailed(paths, error);
    return;
  }
  events.invalidated(paths);
}

/** Tells the site's WebSub hubs which feeds changed; a failing hub is reported, never fatal. */
async function notifyHubs(ctx: PublishContext, hubs: FeedHubs, events: AnnounceEvents): Promise<void> {
  const topics = changedFeedTopics(ctx.writer.changed, ctx.config.baseUrl);
  if (ctx.config.hubs.length === 0 || topics.length === 0) return;
  const notices = await hubs.notify(ctx.config.hubs, topics);
  const failed = notices.filter((notice) => notice.error !== undefined);
  if (failed.length > 0) events.hubsFailed(failed);
  events.hubsNotified(ctx.config.hubs, topics);
}
