/**
 * The publishing Lambda: SQS batches of S3 notifications (incremental publish), or the scheduled
 * `{ "wirefeed": "release" }` invocation. Wiring only: decode the event, pick the adapters
 * (createContext), call a use case (publishBatch for the batch's records, releaseHeld), announce the changed
 * files once per invocation (announceChanges), and turn the results into batchItemFailures,
 * metrics and log lines. Rebuilds run on the rebuilder (rebuild-step.ts), whose own bundle keeps
 * the rebuild's code out of this one.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { StoryError } from '../core/story-error.js';
import { KeptVersionError } from '../core/kept-version.js';
import type { PublishContext } from '../use-cases/publish/publish-context.js';
import { publishBatch, type BatchResult } from '../use-cases/publish/publish-batch.js';
import { releaseHeld } from '../use-cases/publish/release-held.js';
import { logger, metrics, withPublishContext } from './lambda-invocation.js';
import { changesOfRecord, isCommand, publisherInvocation, type Command, type ContentChange } from './publish-event.js';
import { METRIC_NAMES } from './publish-metrics.js';

/** The Lambda entry point. */
export async function handler(invocation: SQSEvent | Command, context?: Context): Promise<SQSBatchResponse | Record<string, unknown>> {
  const event = publisherInvocation(invocation);
  return withPublishContext(context, async (ctx) => {
    if (isCommand(event)) return await release(ctx);
    // The batch's stories are published together, each feed written once for all of them; then
    // each record reports its own stories' results.
    const results = await publishBatch(ctx, event.Records.flatMap((record) => storyChanges(ctx, record).map(({ key }) => key)));
    // One processor per invocation: it keeps the batch's successes and failures as state.
    const processor = new BatchProcessor(EventType.SQS);
    return await processPartialResponse(event, (record: SQSRecord) => reportRecord(record, storyChanges(ctx, record), results), processor, {
      processInParallel: false,
      throwOnFullBatchFailure: false,
      ...(context && { context }),
    });
  });
}

/** A story file a record names: its content key, and its key without the content prefix (the story store's). */
type StoryChange = ContentChange & { fullKey: string };

/** The story files a record names; a record whose body does not parse names none here and fails when reported. */
function storyChanges(ctx: PublishContext, record: SQSRecord): StoryChange[] {
  let changes: ContentChange[];
  try {
    changes = changesOfRecord(record);
  } catch {
    return [];
  }
  return changes.flatMap(({ key: fullKey, ...change }) => {
    const key = ctx.content.storyKeyOf(fullKey);
    return key === undefined ? [] : [{ ...change, fullKey, key }];
  });
}

/** Logs and counts what became of one record's stories; throws (the record fails) when one of them failed. */
async function reportRecord(record: SQSRecord, changes: StoryChange[], results: Map<string, BatchResult>): Promise<void> {
  // A body that does not parse fails its record, as it always did.
  changesOfRecord(record);
  for (const { key, fullKey, at } of changes) {
    const result = results.get(key)!;
    if ('outcome' in result) {
      const { outcome } = result;
      metrics.addMetric(outcome === 'published' ? METRIC_NAMES.published : outcome === 'held' ? METRIC_NAMES.held : METRIC_NAMES.removed, 'Count', 1);
      // End-to-end lag, S3 event to feeds written: it takes in the queue's wait, the batching delay
      // and every retry. A held or superseded change wrote no feed, so it has no lag to report.
      if (at !== undefined && (outcome === 'published' || outcome === 'removed')) metrics.addMetric(METRIC_NAMES.lag, 'Milliseconds', Date.now() - at);
      logger.info('story processed', { key: fullKey, outcome });
      continue;
    }
    const { error } = result;
    if (error instanceof StoryError) {
      metrics.addMetric(METRIC_NAMES.rejected, 'Count', 1);
      // The same line the CLI prints when a last good version stays published.
      const message = error instanceof KeptVersionError ? error.keptLine() : 'story rejected; this file publishes nothing';
      logger.error(message, { key: fullKey, problems: error.problems, lines: error.lines() });
    } else {
      logger.error('story failed', { key: fullKey, error: error as Error });
    }
    throw error;
  }
}

async function release(ctx: PublishContext): Promise<Record<string, unknown>> {
  const summary = await releaseHeld(ctx, {
    released: (key, outcome) => {
      if (outcome === 'published') metrics.addMetric(METRIC_NAMES.published, 'Count', 1);
      logger.info('held story released', { key, outcome });
    },
    failed: (key, error) => logger.error('held story failed', { key, error: error as Error }),
  });
  return { ...summary };
}
