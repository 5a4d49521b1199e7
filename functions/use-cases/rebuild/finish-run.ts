import type { PublishContext } from '../publish/publish-context.js';
import { readPagesWritten } from './archive-pages.js';
import { readRunCut } from './cut-archive.js';
import { rebuildSite, type RebuildSummary } from './rebuild-site.js';
import { readPartitionHeads } from './render-partition.js';
import { readRunOrder } from './run-order.js';
import { ProducedKeys, writeSweepPlan, type RunSummary } from './stale-sweep.js';
import { readRecordsWritten } from './write-records.js';

/**
 * The rebuild state machine's finish (docs/decisions/005, step 6): the site's heads rebuilt from
 * what the run's earlier steps stored — its order, each partition's heads summary, the cut (with
 * each feed's newest items) and what the archive-page and records children wrote — reading and
 * placing no story itself. What it produced goes to the sweep (step 7) with its summary; it answers
 * the sweep map's shards.
 */
export async function finishRun(ctx: PublishContext, run: string): Promise<{ summary: RebuildSummary; shards: Array<{ shard: number }> }> {
  const produced = new ProducedKeys(ctx.state.keys);
  const summary = await rebuildSite(ctx, () => readRunOrder(ctx, run), {
    partition: (partition) => readPartitionHeads(ctx, run, partition),
    async pages() {
      const cut = await readRunCut(ctx, run);
      return { cut, written: await readPagesWritten(ctx, run, cut.batches), records: await readRecordsWritten(ctx, run, cut.partitions), produced };
    },
  });
  await produced.store(ctx, run, 'finish');
  return { summary, shards: await writeSweepPlan(ctx, run, summary.published) };
}

/** A rebuild's summary as a step answers it and logs it: refused files by name. */
export function plainSummary(summary: RebuildSummary): RunSummary {
  return { published: summary.published, held: summary.held, rejected: summary.rejected.map((error) => error.file), deleted: summary.deleted, filesChanged: summary.filesChanged, stateWritten: summary.stateWritten };
}
