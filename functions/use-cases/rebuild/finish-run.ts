import type { PublishContext } from '../publish/publish-context.js';
import { readPagesWritten } from './archive-pages.js';
import { readRunCut } from './cut-archive.js';
import { rebuildSite, type RebuildSummary } from './rebuild-site.js';
import { readPartitionHeads } from './render-partition.js';
import { readRunOrder } from './run-order.js';
import { readRecordsWritten } from './write-records.js';

/**
 * The rebuild state machine's finish (docs/decisions/005, step 6): the site's heads rebuilt from
 * what the run's earlier steps stored — its order, each partition's heads summary, the cut (with
 * each feed's newest items) and what the archive-page and records children wrote — reading and
 * placing no story itself.
 */
export function finishRun(ctx: PublishContext, run: string): Promise<RebuildSummary> {
  return rebuildSite(ctx, () => readRunOrder(ctx, run), {
    partition: (partition) => readPartitionHeads(ctx, run, partition),
    async pages() {
      const cut = await readRunCut(ctx, run);
      return { cut, written: await readPagesWritten(ctx, run, cut.batches), records: await readRecordsWritten(ctx, run, cut.partitions) };
    },
  });
}
