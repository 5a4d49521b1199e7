/**
 * The rebuilder Lambda: one case per step of the rebuild state machine (infra/rebuild-machine.ts),
 * each calling that step's use case (scan, order, render, cut, archive pages, records, finish, sweep, close), and
 * `{ "wirefeed": "rebuild" }`, a rebuild in one invocation (tests, the bench). Its own bundle
 * keeps the rebuild's code out of the publisher's.
 */
import type { Context } from 'aws-lambda';
import { removeRun, scanPartition } from '../use-cases/rebuild/distributed-scan.js';
import { writeRunOrder } from '../use-cases/rebuild/run-order.js';
import { renderRunPartition } from '../use-cases/rebuild/render-partition.js';
import { rebuildSite, type RebuildSummary } from '../use-cases/rebuild/rebuild-site.js';
import { cutRunArchive } from '../use-cases/rebuild/cut-archive.js';
import { writeRunArchivePages } from '../use-cases/rebuild/archive-pages.js';
import { writeRunRecords } from '../use-cases/rebuild/write-records.js';
import { finishRun, plainSummary } from '../use-cases/rebuild/finish-run.js';
import { sweepShard, sweptSummary } from '../use-cases/rebuild/stale-sweep.js';
import { codeIdentity } from '../adapters/code-identity.js';
import { logger, metrics, withPublishContext } from './publish.js';
import { METRIC_NAMES } from './publish-metrics.js';
import { isRebuildStep, type RebuildStep } from './rebuild-event.js';

/** The Lambda entry point. */
export async function handler(event: RebuildStep, context?: Context): Promise<Record<string, unknown>> {
  if (!isRebuildStep(event)) throw new Error(`not a rebuild step: ${JSON.stringify(event).slice(0, 200)}`);
  // One instant for every step of a run (the execution's start), so they judge embargoes alike.
  const now = 'now' in event && event.now !== undefined ? new Date(event.now) : undefined;
  return withPublishContext(context, async (ctx) => {
    switch (event.wirefeed) {
      case 'rebuild':
        return report(await rebuildSite(ctx));
      case 'rebuild-scan': {
        // The map's listing holds every object under stories/: only story files are scanned.
        const scanned = await scanPartition(ctx, event.run, event.keys.flatMap((key) => ctx.content.storyKeyOf(key) ?? []));
        logger.info('rebuild batch scanned', { run: event.run, ...scanned });
        return scanned;
      }
      case 'rebuild-order': {
        const order = await writeRunOrder(ctx, event.run, event.partitionStories);
        logger.info('rebuild ordered', { run: event.run, stories: order.stories, rejected: order.rejected, partitions: order.partitions.length });
        return order;
      }
      case 'rebuild-render': {
        const rendered = await renderRunPartition(ctx, event.run, event.partition);
        logger.info('rebuild partition rendered', { run: event.run, partition: event.partition, ...rendered });
        return rendered;
      }
      case 'rebuild-cut': {
        const cut = await cutRunArchive(ctx, event.run, event.partitions.length, event.pageItems);
        logger.info('rebuild archive cut', { run: event.run, pages: cut.pages, batches: cut.batches.length });
        return cut;
      }
      case 'rebuild-pages': {
        const written = await writeRunArchivePages(ctx, event.run, event.batch, codeIdentity());
        logger.info('rebuild archive pages written', { run: event.run, batch: event.batch, ...written });
        return written;
      }
      case 'rebuild-records': {
        const written = await writeRunRecords(ctx, event.run, event.partition);
        logger.info('rebuild records written', { run: event.run, partition: event.partition, ...written });
        return written;
      }
      case 'rebuild-finish': {
        const { summary, shards } = await finishRun(ctx, event.run);
        reportProblems(summary);
        return { shards, summary: plainSummary(summary) };
      }
      case 'rebuild-sweep': {
        const swept = await sweepShard(ctx, event.run, event.shard, now ?? ctx.now);
        logger.info('rebuild shard swept', { run: event.run, shard: event.shard, ...swept });
        return swept;
      }
      case 'rebuild-close': {
        const done = sweptSummary(event.summary, event.swept);
        logger.info('rebuild finished', { ...done, rejected: done.rejected.length });
        // The site is rebuilt: scratch left behind is the lifecycle rule's to expire, not a failure
        // (a retried step would find the scan half gone).
        await removeRun(ctx, event.run).catch((error: unknown) => logger.warn('rebuild scratch not removed; it expires in a week', { run: event.run, error: error as Error }));
        return done;
      }
    }
  }, now);
}

/** A rebuild's summary, logged and counted. */
function report(summary: RebuildSummary): Record<string, unknown> {
  reportProblems(summary);
  // The nightly rebuild's answer goes nowhere: this line is how an operator sees what it did.
  const done = plainSummary(summary);
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
