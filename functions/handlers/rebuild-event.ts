import type { RunSummary, Swept } from '../use-cases/rebuild/stale-sweep.js';

/**
 * A step of the rebuild state machine (infra/rebuild-machine.ts): the scan of one batch of the
 * content listing (`keys` as listed, with the content prefix), the order of the scanned archive into
 * time partitions of `partitionStories` stories, the rendering of one of those partitions, the cut
 * of the feeds' archive pages over the rendered `partitions` into batches of about `pageItems`
 * items, the writing of one batch of those pages, the writing of one partition's records and claims, the heads (the finish), the
 * stale sweep of one shard of the site or the run's close, for the run `run` (the execution's name); or the one-invocation rebuild,
 * `{ "wirefeed": "rebuild" }`.
 */
export type RebuildStep = { wirefeed: 'rebuild' } | (RunStep & {
  /** The execution's start (ISO 8601): the instant every step of a run judges by; none, the step's own clock. */
  now?: string;
});

type RunStep =
  | { wirefeed: 'rebuild-scan'; run: string; keys: string[] }
  | { wirefeed: 'rebuild-order'; run: string; partitionStories: number }
  | { wirefeed: 'rebuild-render'; run: string; partition: number }
  | { wirefeed: 'rebuild-cut'; run: string; partitions: unknown[]; pageItems: number }
  | { wirefeed: 'rebuild-pages'; run: string; batch: number }
  | { wirefeed: 'rebuild-records'; run: string; partition: number }
  | { wirefeed: 'rebuild-finish'; run: string }
  | { wirefeed: 'rebuild-sweep'; run: string; shard: number }
  | { wirefeed: 'rebuild-close'; run: string; summary: RunSummary; swept: Swept[] };

/** True for a step the rebuilder knows, with the fields it needs. */
export function isRebuildStep(event: unknown): event is RebuildStep {
  const step = event as { wirefeed?: unknown; run?: unknown; keys?: unknown; partitionStories?: unknown; partition?: unknown; partitions?: unknown; pageItems?: unknown; batch?: unknown; shard?: unknown; summary?: unknown; swept?: unknown; now?: unknown } | null;
  if (step?.now !== undefined && (typeof step.now !== 'string' || Number.isNaN(Date.parse(step.now)))) return false;
  switch (step?.wirefeed) {
    case 'rebuild':
      return true;
    case 'rebuild-scan':
      return typeof step.run === 'string' && Array.isArray(step.keys) && step.keys.every((key) => typeof key === 'string');
    case 'rebuild-order':
      return typeof step.run === 'string' && Number.isInteger(step.partitionStories) && (step.partitionStories as number) > 0;
    case 'rebuild-render':
    case 'rebuild-records':
      return typeof step.run === 'string' && Number.isInteger(step.partition) && (step.partition as number) >= 0;
    case 'rebuild-cut':
      return typeof step.run === 'string' && Array.isArray(step.partitions) && Number.isInteger(step.pageItems) && (step.pageItems as number) > 0;
    case 'rebuild-pages':
      return typeof step.run === 'string' && Number.isInteger(step.batch) && (step.batch as number) >= 0;
    case 'rebuild-sweep':
      return typeof step.run === 'string' && Number.isInteger(step.shard) && (step.shard as number) >= 0;
    case 'rebuild-close':
      return typeof step.run === 'string' && typeof step.summary === 'object' && Array.isArray(step.swept);
    case 'rebuild-finish':
      return typeof step.run === 'string';
    default:
      return false;
  }
}
