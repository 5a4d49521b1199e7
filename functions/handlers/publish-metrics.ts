/**
 * Where the publisher's metrics land in CloudWatch (adapters/emf-metrics.ts writes them as
 * embedded-metric-format log lines). infra/dashboard.ts reads the same names, so the two cannot drift apart.
 */

/** The metrics namespace (also `POWERTOOLS_METRICS_NAMESPACE` in the functions' environment). */
export const METRICS_NAMESPACE = 'wirefeed';

/**
 * The `service` dimension, one per function (`POWERTOOLS_SERVICE_NAME`): a rebuild counts every
 * story of the archive as published, which would swamp the publisher's counts under one name.
 */
export const SERVICES = { publish: 'wirefeed-publish', rebuild: 'wirefeed-rebuild' } as const;

/** Metric names the dashboard shows. */
export const METRIC_NAMES = {
  published: 'StoriesPublished',
  removed: 'StoriesRemoved',
  held: 'StoriesHeld',
  rejected: 'StoriesRejected',
  /** Milliseconds from a story change's S3 event time to its feeds written, measured by the publisher. */
  lag: 'PublishLag',
  /** A CloudFront invalidation that failed after the SDK's retries: readers see the old copy until max-age. */
  invalidationFailed: 'InvalidationFailed',
  /** Milliseconds one invocation took, whatever it did. */
  duration: 'PublishDuration',
  /** State writes (a feed or partner window) another publisher committed first, read again and redone, per invocation. */
  stateConflicts: 'StateConflicts',
} as const;
