/**
 * The rebuilder Lambda: one case per step of the rebuild state machine (infra/rebuild-machine.ts),
 * each calling that step's use case (scan, order, render, cut, archive pages, records, finish, sweep,
 * move of imports, close), and `{ "wirefeed": "rebuild" }`, a rebuild in one invocation (tests, the bench). Its own bundle
 * keeps the rebuild's code out of the publisher's.
 */
import type { Context } from 'aws-lambda';
import { scanPartition } from '../use-cases/rebuild/distributed-scan.js';
import { writeRunOrder } from '../use-cases/rebuild/run-order.js';
import { renderRunPartition } from '../use-cases/rebuild/render-partition.js';
import { rebuildSite, type RebuildSummary } from '../use-cases/rebuild/rebuild-site.js';
import { cutRunArchive } from '../use-cases/rebuild/cut-archive.js';
import { writeRunArchivePages } from '../use-cases/rebuild/archive-pages.js';
import { writeRunRecords } from '../use-cases/rebuild/write-records.js';
import { finishRun, plainSummary } from '../use-cases/rebuild/finish-run.js';
import { closeRun, sweepShard, type RunSummary } from '../use-cases/rebuild/stale-sweep.js';
import { moveImports } from '../use-cases/rebuild/move-imports.js';
import { codeIdentity } from '../adapters/code-identity.js';
import { logger, metrics, withPublishContext } from './lambda-invocation.js';
import { METRIC_NAMES } from './publish-metrics.js';
import { isRebuildStep, type RebuildStep } from './rebuild-event.js';

/** The Lambda entry point. */
export async function handler(event: RebuildStep, context?: Context): Promise<Record<string, unknown>> {
  if (!isRebuildStep(event)) throw new Error(`not a rebuild step: ${JSON.stringify(event).slice(0, 200)}`);
  // One instant for every step of a run (the execution's start), so they judge embargoes alike.
  const now = 'now' in event && event.now !== undefined ? new Date(event.now) : undefined;
  return withPublishContext(context, async (ctx) => {
    switch (event.wirefeed) {
      case 'rebuild': {
        const summary = await rebuildSite(ctx);
        reportProblems(summary);
        return finished(plainSummary(summary));
      }
      case 'rebuild-scan':
        return logged('rebuild batch scanned', { run: event.run }, await scanPartition(ctx, event.run, event.keys));
      case 'rebuild-order': {
        const order = await writeRunOrder(ctx, event.run, event.partitionStories);
        logger.info('rebuild ordered', { run: event.run, stories: order.stories, rejected: order.rejected, partitions: order.partitions.length });
        return order;
      }
      case 'rebuild-render':
        return logged('rebuild partition rendered', { run: event.run, partition: event.partition }, await renderRunPartition(ctx, event.run, event.partition));
      case 'rebuild-cut': {
        const cut = await cutRunArchive(ctx, event.run, event.partitions.length, event.pageItems);
        logger.info('rebuild archive cut', { run: event.run, pages: cut.pages, batches: cut.batches.length });
        return cut;
      }
      case 'rebuild-pages':
        return logged('rebuild archive pages written', { run: event.run, batch: event.batch }, await writeRunArchivePages(ctx, event.run, event.batch, codeIdentity()));
      case 'rebuild-records':
        return logged('rebuild records written', { run: event.run, partition: event.partition }, await writeRunRecords(ctx, event.run, event.partition));
      case 'rebuild-finish': {
        const { summary, shards } = await finishRun(ctx, event.run);
        reportProblems(summary);
        return { shards, summary: plainSummary(summary) };
      }
      case 'rebuild-sweep':
        return logged('rebuild shard swept', { run: event.run, shard: event.shard }, await sweepShard(ctx, event.run, event.shard, now ?? ctx.now));
      case 'rebuild-close':
        return finished(await closeRun(ctx, event.run, event.summary, event.swept, event.imported));
      case 'rebuild-move':
        return logged('rebuild imports moved', {}, await moveImports(ctx, event.files));
    }
  }, now);
}

/** What a step did, logged with where it ran (`at`). */
function logged<T extends object>(message: string, at: Record<string, unknown>, done: T): T {
  logger.info(message, { ...at, ...done });
  return done;
}

/** A rebuild's summary, logged: its answer goes nowhere, this line is how an operator sees what it did. */
function finished(done: RunSummary): RunSummary {
  logger.info('rebuild finished', { ...done, rejected: done.rejected.length });
  return done;
}

/** A rebuild's refusals and kept versions logged, its counts as metrics. */
function reportProblems(summary: RebuildSummary): void {
  for (const error of summary.rejected) logger.error('story rejected', { key: error.file, problems: error.problems, lines: error.lines() });
  for (const line of summary.kept) logger.error(line);
  metrics.addMetric(METRIC_NAMES.published, 'Count', summary.published);
  metrics.addMetric(METRIC_NAMES.rejected, 'Count', summary.rejected.length);
}
