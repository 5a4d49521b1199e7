/**
 * What both Lambdas share, the publisher (publish.ts) and the rebuilder (rebuild-step.ts): the
 * logger, the metrics, the S3 client, and the frame of an invocation (createContext, then its
 * warnings logged, its changed files announced, its metrics published). Its own module so the
 * rebuilder's bundle does not carry the publisher's SQS batch handling.
 */
import type { Context } from 'aws-lambda';
import { cloudFrontCdn } from '../adapters/cloudfront-invalidate.js';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { JsonLogger } from '../adapters/json-logger.js';
import { S3Client } from '../adapters/aws-sdk.js';
import { conflictStats } from '../adapters/s3-state.js';
import { skipPayloadHashOverTls } from '../adapters/s3-payload-signing.js';
import { webSubHubs } from '../adapters/websub.js';
import type { PublishContext } from '../use-cases/publish/publish-context.js';
import { announceChanges, type AnnounceEvents } from '../use-cases/publish/announce-changes.js';
import { createContext, readPublishEnv } from './publish-context.js';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from './publish-metrics.js';

// The rebuilder runs this same code under its own service name (set in its environment).
const service = process.env.POWERTOOLS_SERVICE_NAME || SERVICES.publish;
export const logger = new JsonLogger(service);
export const metrics = new EmfMetrics(METRICS_NAMESPACE, service);
// Created once per container; endpoint, region and retries come from the SDK's standard config.
const s3 = skipPayloadHashOverTls(new S3Client({}));

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
