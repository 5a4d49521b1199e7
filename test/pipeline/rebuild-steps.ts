/**
 * The rebuild as its state machine runs it (infra/rebuild-machine.ts), step by step through the real
 * handler, for tests that need its steps but not the machine: listing batches of 4 keys, partitions of
 * 3 stories, page batches of 4 items.
 */
import type { Site } from './harness.js';
import type { RunSummary, Swept } from '../../functions/use-cases/rebuild/stale-sweep.js';

/** The steps up to the cut (docs/decisions/005, steps 1–4): the partitions, and the cut's batches of archive pages. */
export async function rebuildUpToCut(site: Site, run: string): Promise<{ partitions: Array<{ partition: number }>; batches: Array<{ batch: number }> }> {
  const keys = await site.listContent('stories/');
  for (let at = 0; at < keys.length; at += 4) await site.step({ wirefeed: 'rebuild-scan', run, keys: keys.slice(at, at + 4) });
  const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 3 });
  const partitions = order.partitions as Array<{ partition: number }>;
  for (const { partition } of partitions) await site.step({ wirefeed: 'rebuild-render', run, partition });
  const cut = await site.step({ wirefeed: 'rebuild-cut', run, partitions, pageItems: 4 });
  return { partitions, batches: cut.batches as Array<{ batch: number }> };
}

/** The records map (step 6a), after the archive pages. */
export async function writeRecords(site: Site, run: string, partitions: Array<{ partition: number }>): Promise<void> {
  for (const { partition } of partitions) await site.step({ wirefeed: 'rebuild-records', run, partition });
}

/** The steps before the finish: scan, order, render, the cut, its archive pages and the records (docs/decisions/005, steps 1–6a). */
export async function rebuildUpToFinish(site: Site, run: string): Promise<void> {
  const { partitions, batches } = await rebuildUpToCut(site, run);
  for (const { batch } of batches) await site.step({ wirefeed: 'rebuild-pages', run, batch });
  await writeRecords(site, run, partitions);
}

/** The finish (the heads), each shard of its stale sweep, then the run's close: its answer. */
export async function finishAndSweep(site: Site, run: string, now?: string): Promise<Record<string, unknown>> {
  const { shards, summary } = (await site.step({ wirefeed: 'rebuild-finish', run, ...(now && { now }) })) as unknown as { shards: Array<{ shard: number }>; summary: RunSummary };
  const swept: Swept[] = [];
  for (const { shard } of shards) swept.push((await site.step({ wirefeed: 'rebuild-sweep', run, shard, ...(now && { now }) })) as unknown as Swept);
  return site.step({ wirefeed: 'rebuild-close', run, summary, swept });
}

/** Every step, the close's answer. */
export async function distributedRebuild(site: Site, run: string): Promise<Record<string, unknown>> {
  await rebuildUpToFinish(site, run);
  return finishAndSweep(site, run);
}
