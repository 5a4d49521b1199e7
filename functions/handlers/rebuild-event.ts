import type { RunSummary, Swept } from '../use-cases/rebuild/stale-sweep.js';

/**
 * A step of the rebuild state machine (infra/rebuild-machine.ts) for the run `run` (the execution's name): the scan of one
 * batch of the content listing (`keys` as listed, with the content prefix), the order into time partitions of
 * `partitionStories` stories, the rendering of a partition, the cut of the archive pages over the rendered `partitions`
 * into batches of about `pageItems` items, the writing of a batch of those pages, of a partition's records and claims,
 * the heads (the finish), the stale sweep of a shard, the move of a batch of import files (`files` as listed), the
 * close; or the one-invocation rebuild, `{ "wirefeed": "rebuild" }`.
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
  | { wirefeed: 'rebuild-finish'; run: string } | { wirefeed: 'rebuild-sweep'; run: string; shard: number }
  | { wirefeed: 'rebuild-move'; files: Array<{ key: string; etag: string }> } | { wirefeed: 'rebuild-close'; run: string; summary: RunSummary; swept: Swept[]; imported?: number };

/** A count or a position: an integer from 0. */
const isIndex = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/** True for a step the rebuilder knows, with the fields it needs. */
export function isRebuildStep(event: unknown): event is RebuildStep {
  const step = event as { wirefeed?: unknown; run?: unknown; keys?: unknown; files?: unknown; partitionStories?: unknown; partition?: unknown; partitions?: unknown; pageItems?: unknown; batch?: unknown; shard?: unknown; summary?: unknown; swept?: unknown; imported?: unknown; now?: unknown } | null;
  if (step?.now !== undefined && (typeof step.now !== 'string' || Number.isNaN(Date.parse(step.now)))) return false;
  switch (step?.wirefeed) {
    case 'rebuild': return true;
    case 'rebuild-scan': return typeof step.run === 'string' && Array.isArray(step.keys) && step.keys.every((key) => typeof key === 'string');
    case 'rebuild-order': return typeof step.run === 'string' && Number.isInteger(step.partitionStories) && (step.partitionStories as number) > 0;
    case 'rebuild-render': case 'rebuild-records': return typeof step.run === 'string' && isIndex(step.partition);
    case 'rebuild-cut': return typeof step.run === 'string' && Array.isArray(step.partitions) && Number.isInteger(step.pageItems) && (step.pageItems as number) > 0;
    case 'rebuild-pages': return typeof step.run === 'string' && isIndex(step.batch);
    case 'rebuild-sweep': return typeof step.run === 'string' && isIndex(step.shard);
    case 'rebuild-close': return typeof step.run === 'string' && typeof step.summary === 'object' && Array.isArray(step.swept) && (step.imported === undefined || isIndex(step.imported));
    case 'rebuild-finish': return typeof step.run === 'string';
    case 'rebuild-move': return Array.isArray(step.files) && step.files.every((file: { key?: unknown; etag?: unknown } | null) => typeof file?.key === 'string' && typeof file.etag === 'string');
    default: return false;
  }
}
