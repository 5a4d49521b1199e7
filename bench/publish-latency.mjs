// Publish latency (issue 23): one new story at a time, each in an SQS event of its own, handed to
// the real handler in a warm container while the proxy holds every request `latencyMs` (S3 as
// Lambda sees it). The figure is the handler's wall time, from taking the event until it returns:
// by then the story is in every feed it belongs to, which is checked after each publish (outside
// the timing, from s3rver's files).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sqsEvent } from '../test/support/sqs-event.ts';
import { FEED_FILES_PER_STORY, feedFilesShowing } from './feed-visibility.mjs';

/** The p-th percentile by nearest rank (p99 of 100 values is the 99th smallest). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Publishes `stories` (`{ key, slug, story }`, each newer than the last) one event each through
 * `container`; returns wall and CPU ms per publish with their p50/p99 and the requests made.
 */
export async function measurePublishLatency({ container, proxy, client, s3Directory, contentBucket, siteBucket, stories, latencyMs }) {
  const previousLatency = proxy.latencyMs;
  proxy.latencyMs = latencyMs;
  const runs = [];
  try {
    for (const { key, slug, story } of stories) {
      await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: key, Body: JSON.stringify(story, null, 2) }));
      const before = proxy.requests.length;
      const run = await container.ask({ invoke: sqsEvent(contentBucket, [key]) });
      if (run.result.batchItemFailures.length > 0) throw new Error(`publishing ${key} failed: ${JSON.stringify(run.result)}`);
      const visibleIn = feedFilesShowing(s3Directory, siteBucket, slug);
      if (visibleIn !== FEED_FILES_PER_STORY) throw new Error(`${slug} is in ${visibleIn} feed files after its publish returned, not ${FEED_FILES_PER_STORY}`);
      runs.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, requests: proxy.requests.length - before });
    }
  } finally {
    proxy.latencyMs = previousLatency;
  }
  const wall = runs.map((run) => run.wallMs);
  const cpu = runs.map((run) => run.cpuMs);
  return {
    latencyMs,
    publishes: runs.length,
    wallMs: { p50: percentile(wall, 50), p99: percentile(wall, 99), min: Math.min(...wall), max: Math.max(...wall) },
    cpuMs: { p50: percentile(cpu, 50), p99: percentile(cpu, 99) },
    requestsPerPublish: { min: Math.min(...runs.map((run) => run.requests)), max: Math.max(...runs.map((run) => run.requests)) },
  };
}
