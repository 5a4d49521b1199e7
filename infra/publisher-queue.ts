/**
 * How the publisher's SQS event source hands it story changes: the stack (infra/publisher.ts) and
 * the burst bench (bench/publish-burst.mjs) both read this, so the bench measures the deployed
 * batching. Plain numbers, no CDK import, so the bench loads it without the CDK.
 */
export const PUBLISHER_SQS_SOURCE = {
  /**
   * Records per invocation at most (a standard queue allows up to 10 000 with a batching window).
   * A batch writes each feed once for all its stories, so the larger the batch, the fewer feed
   * writes a story; but its stories' own work runs five at a time in one invocation. At 50 a burst
   * of 10 stories a second is cut by the window, not the size (the same as 100, and half the
   * requests and CPU a story of 10: docs/performance.md §5), and a denser one still fills both
   * concurrent invocations rather than queueing behind one long batch. An S3 notification is a few
   * KB, far inside the 6 MB invocation payload.
   */
  batchSize: 50,
  /** How long the event source waits to fill a batch (`maxBatchingWindow`). */
  batchingWindowSeconds: 5,
  /** SQS's minimum. Caps parallel publishers without reserved concurrency, which a new account (concurrency quota 10) cannot grant at all. */
  maxConcurrency: 2,
} as const;
