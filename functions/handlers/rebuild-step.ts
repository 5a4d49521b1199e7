/**
 * The rebuilder Lambda: one case per step of the rebuild state machine (infra/rebuild-machine.ts),
 * each calling that step's use case (scan, order, render, cut, archive pages, records, finish, move
 * of imports), and `{ "wirefeed": "rebuild" }`, a rebuild in one invocation (tests, the bench). Its own bundle
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
import { finishRun } from '../use-cases/rebuild/finish-run.js';
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
      case 'rebuild':
        return report(await rebuildSite(ctx));
      case 'rebuild-scan': {
        const scanned = await scanPartition(ctx, event.run, event.keys);
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
        const done = { ...report(await finishRun(ctx, event.run)), ...(event.imported !== undefined && { imported: event.imported }) };
        // The site is rebuilt: scratch left behind is the lifecycle rule's to expire, not a failure
        // (a retried step would find the scan half gone).
        await removeRun(ctx, event.run).catch((error: unknown) => logger.warn('rebuild scratch not removed; it expires in a week', { run: event.run, error: error as Error }));
        return done;
      }
      case 'rebuild-move': {
        const moved = await moveImports(ctx, event.files);
        logger.info('rebuild imports moved', moved);
        return moved;
      }
    }
  }, now);
}

/** A rebuild's summary, logged and counted. */
function report(summary: RebuildSummary): Record<string, unknown> {
  for (const error of summary.rejected) logger.error('story rejected', { key: error.file, problems: error.problems, lines: error.lines() });
  for (const line of summary.kept) logger.error(line);
  metrics.addMetric(METRIC_NAMES.published, 'Count', summary.published);
  metrics.addMetric(METRIC_NAMES.rejected, 'Count', summary.rejected.length);
  // The nightly rebuild's answer goes nowhere: this line is how an operator sees what it did.
  const done = { published: summary.published, held: summary.held, rejected: summary.rejected.map((error) => error.file), deleted: summary.deleted, filesChanged: summary.filesChanged, stateWritten: summary.stateWritten };
  logger.info('rebuild finished', { ...done, rejected: done.rejected.length });
  return done;
}
