// A burst (issue 23): `stories.length` stories arrive within `spanMs` (evenly spaced) and reach the
// real handler as the stack's SQS event source delivers them (infra/publisher-queue.ts): batches of up
// to `batchSize` records, a batch sent when it is full or when its oldest record has waited the
// batching window, at most `maxConcurrency` invocations at a time, one warm container each.
// A record the handler reports in batchItemFailures goes back to the queue at once (SQS would
// wait out the visibility timeout first, so the figures are the best case for a failure).
//
// Figures: the time from the last arrival until every story is published, S3 requests per story
// (the proxy's count; the stories' uploads go straight to s3rver), and the handler processes' CPU
// per story (summed over the invocations).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqsEvent } from '../test/support/sqs-event.ts';
import { PUBLISHER_SQS_SOURCE } from '../infra/publisher-queue.ts';
import { FEED_FILES_PER_STORY, feedFilesShowing } from './feed-visibility.mjs';
import { percentile } from './publish-latency.mjs';

/** The event source mapping's settings, as the stack deploys them. */
export const SQS_SOURCE = { batchSize: PUBLISHER_SQS_SOURCE.batchSize, batchingWindowMs: PUBLISHER_SQS_SOURCE.batchingWindowSeconds * 1000, maxConcurrency: PUBLISHER_SQS_SOURCE.maxConcurrency };
/** A record handed back this many times is a failure of the run (SQS would move it to the dead-letter queue). */
const MAX_RECEIVES = 5;
/** How often an idle poller looks at the queue. */
const POLL_MS = 5;

/**
 * Runs the burst; `containers` are warm invokers (at most `SQS_SOURCE.maxConcurrency` are used),
 * `byOperation` counts requests by S3 operation, `byKind` (optional) by operation and what they were for.
 */
export async function measureBurst({ containers, proxy, client, s3Directory, contentBucket, siteBucket, stories, latencyMs, spanMs = 10_000, byOperation, byKind }) {
  const previousLatency = proxy.latencyMs;
  proxy.latencyMs = latencyMs;
  const requestsBefore = proxy.requests.length;
  const refusedBefore = proxy.preconditionFailures;
  const queue = [];
  const invocations = [];
  let arrived = 0;
  let published = 0;
  let redelivered = 0;
  let lastArrivalAt = 0;
  let failure;
  const delays = [];
  const start = performance.now();

  const arrive = async () => {
    for (const [i, { key, story }] of stories.entries()) {
      const due = start + (i * spanMs) / stories.length;
      if (due > performance.now()) await sleep(due - performance.now());
      await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: JSON.stringify(story, null, 2) }));
      lastArrivalAt = performance.now();
      queue.push({ key, arrivedAt: lastArrivalAt, waitingSince: lastArrivalAt, receives: 0 });
      arrived += 1;
    }
  };

  /** The next batch when the event source would send one now: full, or its oldest record waited the window. */
  const takeBatch = () => {
    if (queue.length === 0) return undefined;
    const full = queue.length >= SQS_SOURCE.batchSize;
    if (!full && performance.now() - queue[0].waitingSince < SQS_SOURCE.batchingWindowMs) return undefined;
    return queue.splice(0, SQS_SOURCE.batchSize);
  };

  // A poller that fails stops the others (through `failure`): a lone survivor would poll forever
  // for records that will never be published, and hide the error.
  const poll = (container, index) => pollWith(container, index).catch((error) => void (failure ??= error));
  const pollWith = async (container, index) => {
    while (published < stories.length && failure === undefined) {
      const batch = takeBatch();
      if (!batch) {
        await sleep(POLL_MS);
        continue;
      }
      const run = await container.ask({ invoke: sqsEvent(contentBucket, batch.map((record) => record.key)) });
      const done = performance.now();
      const failed = new Set(run.result.batchItemFailures.map((item) => item.itemIdentifier));
      invocations.push({ container: index, records: batch.length, failed: failed.size, wallMs: run.wallMs, cpuMs: run.cpuMs });
      // sqsEvent names record i `m-<i>-<key>`.
      for (const [i, record] of batch.entries()) {
        if (!failed.has(`m-${i}-${record.key}`)) {
          published += 1;
          delays.push(done - record.arrivedAt);
          continue;
        }
        record.receives += 1;
        redelivered += 1;
        if (record.receives >= MAX_RECEIVES) failure = new Error(`${record.key} failed ${record.receives} times in the burst`);
        record.waitingSince = performance.now();
        queue.push(record);
      }
    }
  };

  try {
    await Promise.all([arrive(), ...containers.slice(0, SQS_SOURCE.maxConcurrency).map(poll)]);
  } finally {
    proxy.latencyMs = previousLatency;
  }
  if (failure) throw failure;
  const allPublishedAt = performance.now();
  const newest = stories.at(-1);
  const visibleIn = feedFilesShowing(s3Directory, siteBucket, newest.slug);
  if (visibleIn !== FEED_FILES_PER_STORY) throw new Error(`after the burst the newest story ${newest.slug} is in ${visibleIn} feed files, not ${FEED_FILES_PER_STORY}`);
  const requests = proxy.requests.slice(requestsBefore);
  const cpuMs = invocations.reduce((sum, run) => sum + run.cpuMs, 0);
  return {
    stories: stories.length,
    arrived,
    spanMs,
    latencyMs,
    sqsSource: SQS_SOURCE,
    invocations: invocations.length,
    redelivered,
    firstToLastArrivalMs: lastArrivalAt - start,
    lastArrivalToAllPublishedMs: allPublishedAt - lastArrivalAt,
    storyDelayMs: { p50: percentile(delays, 50), max: Math.max(...delays) },
    requestsPerStory: requests.length / stories.length,
    requests: byOperation(requests),
    ...(byKind && { requestsByKind: byKind(requests, siteBucket) }),
    preconditionFailures: proxy.preconditionFailures - refusedBefore,
    cpuMsPerStory: cpuMs / stories.length,
    invocationWallMs: { p50: percentile(invocations.map((run) => run.wallMs), 50), max: Math.max(...invocations.map((run) => run.wallMs)) },
  };
}
