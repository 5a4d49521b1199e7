/**
 * The publishing Lambda: SQS batches of S3 notifications (incremental publish), or a direct
 * `{ "wirefeed": "rebuild" }` / `{ "wirefeed": "release" }` invocation. Wiring only: decode the
 * event, call the story publisher per record, invalidate the changed paths and notify WebSub hubs
 * of the changed feeds once per invocation.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { invalidationPaths } from '../core/incremental/invalidation-paths.js';
import { HELD_KEY } from '../core/incremental/state-keys.js';
import { StoryError } from '../core/story-error.js';
import { KeptVersionError } from '../core/kept-version.js';
import { invalidatePaths } from '../adapters/cloudfront-invalidate.js';
import { S3Client } from '../adapters/aws-sdk.js';
import { skipPayloadHashOverTls } from '../adapters/s3-payload-signing.js';
import { notifyHubs } from '../adapters/websub.js';
import { changedFeedTopics } from '../core/incremental/websub-topics.js';
import { isStoryKey } from '../adapters/s3-content.js';
import { createContext, readPublishEnv } from './publish-context.js';
import type { PublishContext } from '../use-cases/publish/publish-context.js';
import { changesOfRecord, isCommand, type Command } from './publish-event.js';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from './publish-metrics.js';
import { rebuildSite } from '../use-cases/rebuild/rebuild-site.js';
import { publishStory, type HeldList } from '../use-cases/publish/publish-story.js';
import { pruneSitemap } from '../use-cases/publish/syndication.js';

// The rebuilder runs this same code under its own service name (set in its environment).
const service = process.env.POWERTOOLS_SERVICE_NAME || SERVICES.publish;
const logger = new Logger({ serviceName: service });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
// Created once per container; endpoint, region and retries come from the SDK's standard config.
const s3 = skipPayloadHashOverTls(new S3Client({}));

/** The Lambda entry point. */
export async function handler(event: SQSEvent | Command, context?: Context): Promise<SQSBatchResponse | Record<string, unknown>> {
  const started = Date.now();
  const env = readPublishEnv(process.env);
  const ctx = await createContext(env, s3, new Date());
  try {
    if (isCommand(event)) return event.wirefeed === 'rebuild' ? await rebuild(ctx) : await release(ctx);
    // One processor per invocation: it keeps the batch's successes and failures as state.
    const processor = new BatchProcessor(EventType.SQS);
    const response = await processPartialResponse(event, (record: SQSRecord) => publishRecord(ctx, record), processor, {
      // Sequential: records of one batch often touch the same feed windows, and would only race each other.
      processInParallel: false,
      throwOnFullBatchFailure: false,
      ...(context && { context }),
    });
    return response;
  } finally {
    for (const line of new Set(ctx.preflight)) logger.warn('partner preflight', { line });
    for (const { message, details } of ctx.warnings) logger.warn(message, details);
    await invalidate(ctx, env.distributionId, context?.awsRequestId ?? String(started));
    await announce(ctx);
    metrics.addMetric('PublishDuration', MetricUnit.Milliseconds, Date.now() - started);
    metrics.publishStoredMetrics();
  }
}

async function publishRecord(ctx: PublishContext, record: SQSRecord): Promise<void> {
  const prefix = ctx.content.prefix;
  for (const { key: fullKey, at } of changesOfRecord(record)) {
    if (!fullKey.startsWith(prefix) || !isStoryKey(fullKey.slice(prefix.length))) continue;
    const key = fullKey.slice(prefix.length);
    try {
      const outcome = await publishStory(ctx, key);
      metrics.addMetric(outcome === 'published' ? 'StoriesPublished' : outcome === 'held' ? 'StoriesHeld' : 'StoriesRemoved', MetricUnit.Count, 1);
      // End-to-end lag, S3 event to feeds written: it takes in the queue's wait, the batching window
      // and every retry. A held or superseded change wrote no feed, so it has no lag to report.
      if (at !== undefined && (outcome === 'published' || outcome === 'removed')) metrics.addMetric(METRIC_NAMES.lag, MetricUnit.Milliseconds, Date.now() - at);
      logger.info('story processed', { key: fullKey, outcome });
    } catch (error) {
      if (error instanceof StoryError) {
        metrics.addMetric('StoriesRejected', MetricUnit.Count, 1);
        // The same line the CLI prints when a last good version stays published.
        const message = error instanceof KeptVersionError ? error.keptLine() : 'story rejected; this file publishes nothing';
        logger.error(message, { key: fullKey, problems: error.problems, lines: error.lines() });
      } else {
        logger.error('story failed', { key: fullKey, error: error as Error });
      }
      throw error;
    }
  }
}

async function release(ctx: PublishContext): Promise<Record<string, unknown>> {
  const held = (await ctx.state.readJson<HeldList>(HELD_KEY))?.value ?? {};
  const due = Object.entries(held).filter(([, at]) => Date.parse(at) <= ctx.now.getTime()).map(([key]) => key).sort();
  const failed: string[] = [];
  for (const key of due) {
    try {
      const outcome = await publishStory(ctx, key);
      if (outcome === 'published') metrics.addMetric('StoriesPublished', MetricUnit.Count, 1);
      logger.info('held story released', { key, outcome });
    } catch (error) {
      failed.push(key);
      logger.error('held story failed', { key, error: error as Error });
    }
  }
  await pruneSitemap(ctx);
  return { released: due.length - failed.length, failed };
}

async function rebuild(ctx: PublishContext): Promise<Record<string, unknown>> {
  const summary = await rebuildSite(ctx);
  for (const error of summary.rejected) logger.error('story rejected', { key: error.file, problems: error.problems, lines: error.lines() });
  for (const line of summary.kept) logger.error(line);
  metrics.addMetric('StoriesPublished', MetricUnit.Count, summary.published);
  metrics.addMetric('StoriesRejected', MetricUnit.Count, summary.rejected.length);
  // The nightly rebuild's answer goes nowhere: this line is how an operator sees what it did.
  const done = { published: summary.published, held: summary.held, rejected: summary.rejected.map((error) => error.file), deleted: summary.deleted, filesChanged: ctx.writer.changed.size, stateWritten: summary.stateWritten };
  logger.info('rebuild finished', { ...done, rejected: done.rejected.length });
  return done;
}

/** Tells the site's WebSub hubs which feeds changed; a failing hub is logged, never fatal. */
async function announce(ctx: PublishContext): Promise<void> {
  const topics = changedFeedTopics(ctx.writer.changed, ctx.config.baseUrl);
  if (ctx.config.hubs.length === 0 || topics.length === 0) return;
  const notices = await notifyHubs(ctx.config.hubs, topics);
  const failed = notices.filter((notice) => notice.error !== undefined);
  if (failed.length > 0) logger.warn('hub notification failed', { failed });
  logger.info('hubs notified', { hubs: ctx.config.hubs, topics });
}

async function invalidate(ctx: PublishContext, distributionId: string | undefined, reference: string): Promise<void> {
  const paths = invalidationPaths(ctx.writer.changed);
  if (!distributionId || paths.length === 0) return;
  try {
    await invalidatePaths(distributionId, paths, reference);
  } catch (error) {
    // The SDK already retried. Failing the batch would not help: a redelivery finds nothing changed
    // and invalidates nothing. The files are published; the CDN serves the old ones until their
    // Cache-Control max-age runs out (60 s feeds, 300 s pages). Alarm on the metric.
    metrics.addMetric(METRIC_NAMES.invalidationFailed, MetricUnit.Count, 1);
    logger.error('invalidation failed; cached copies expire by their max-age', { paths, error: error as Error });
    return;
  }
  logger.info('invalidation requested', { paths });
}
