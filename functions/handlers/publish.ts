/**
 * The publishing Lambda: SQS batches of S3 notifications (incremental publish), or the scheduled
 * `{ "wirefeed": "release" }` invocation. Wiring only: decode the event, pick the adapters
 * (createContext), call a use case (publishBatch for the batch's records, releaseHeld), announce the changed
 * files once per invocation (announceChanges), and turn the results into batchItemFailures,
 * metrics and log lines. Rebuilds run on the rebuilder (rebuild-step.ts), whose own bundle keeps
 * the rebuild's code out of this one.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { StoryError } from '../core/story-error.js';
import { KeptVersionError } from '../core/kept-version.js';
import { cloudFrontCdn } from '../adapters/cloudfront-invalidate.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { S3Client } from '../adapters/aws-sdk.js';
import { conflictStats } from '../adapters/s3-state.js';
import { skipPayloadHashOverTls } from '../adapters/s3-payload-signing.js';
import { webSubHubs } from '../adapters/websub.js';
import { createContext, readPublishEnv } from './publish-context.js';
import type { PublishContext } from '../use-cases/publish/publish-context.js';
import { changesOfRecord, isCommand, publisherInvocation, type Command, type ContentChange } from './publish-event.js';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from './publish-metrics.js';
import { publishBatch, type BatchResult } from '../use-cases/publish/publish-batch.js';
import { releaseHeld } from '../use-cases/publish/release-held.js';
import { announceChanges, type AnnounceEvents } from '../use-cases/publish/announce-changes.js';

// The rebuilder runs this same code under its own service name (set in its environment).
const service = process.env.POWERTOOLS_SERVICE_NAME || SERVICES.publish;
export const logger = new Logger({ serviceName: service });
export const metrics = new EmfMetrics(METRICS_NAMESPACE, service);
// Created once per container; endpoint, region and retries come from the SDK's standard config.
const s3 = skipPayloadHashOverTls(new S3Client({}));

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

/**
 * One invocation's work on this environment's adapters; then, whatever happened, its warnings
 * logged, its changed files announced once, its metrics published. The rebuild steps' entry point
 * (rebuild-step.ts) runs its work through it too, at the instant `now` its run judges by.
 */
export async function withPublishContext<T>(context: Context | undefined, work: (ctx: PublishContext) => Promise<T>, now = new Date()): Promise<T> {
  const started = Date.now();
  // A container runs one invocation at a time, so the count's growth is this invocation's.
  const conflictsBefore = conflictStats.preconditionFailures;
  const env = readPublishEnv(process.env);
  const ctx = await createContext(env, s3, now);
  try {
    return await work(ctx);
  } finally {
    for (const line of new Set(ctx.preflight)) logger.warn('partner preflight', { line });
    for (const { message, details } of ctx.warnings) logger.warn(message, details);
    const cdn = env.distributionId === undefined ? undefined : cloudFrontCdn(env.distributionId);
    await announceChanges(ctx, { cdn, hubs: webSubHubs }, context?.awsRequestId ?? String(started), announceLog);
    metrics.addMetric(METRIC_NAMES.duration, 'Milliseconds', Date.now() - started);
    metrics.addMetric(METRIC_NAMES.stateConflicts, 'Count', conflictStats.preconditionFailures - conflictsBefore);
    metrics.publishStoredMetrics();
  }
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

/** The announcement of changed files, in the log and the metrics. */
const announceLog: AnnounceEvents = {
  invalidated: (paths) => logger.info('invalidation requested', { paths }),
  invalidationFailed: (paths, error) => {
    metrics.addMetric(METRIC_NAMES.invalidationFailed, 'Count', 1);
    logger.error('invalidation failed; cached copies expire by their max-age', { paths, error: error as Error });
  },
  hubsFailed: (failed) => logger.warn('hub notification failed', { failed }),
  hubsNotified: (hubs, topics) => logger.info('hubs notified', { hubs, topics }),
};
