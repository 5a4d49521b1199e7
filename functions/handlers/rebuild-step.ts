/**
 * The rebuilder Lambda: the steps of the rebuild state machine (infra/rebuild-machine.ts). Wiring
 * only: a scan child reads its batch of the listing (scanPartition), the finishing step rebuilds
 * the site from the run's scan (rebuildSite through publish.ts's `rebuild`) and removes the run's
 * scratch objects. Its own bundle, so the publisher's stays within its size budget.
 */
import type { Context } from 'aws-lambda';
import { isStoryKey } from '../adapters/s3-content.js';
import { readArchiveScan, removeRun, scanPartition } from '../use-cases/rebuild/distributed-scan.js';
import { logger, rebuild, withPublishContext } from './publish.js';
import { isRebuildStep, type RebuildStep } from './rebuild-event.js';

/** The Lambda entry point. */
export async function handler(event: RebuildStep, context?: Context): Promise<Record<string, unknown>> {
  if (!isRebuildStep(event)) throw new Error(`not a rebuild step: ${JSON.stringify(event).slice(0, 200)}`);
  return withPublishContext(context, async (ctx) => {
    switch (event.wirefeed) {
      case 'rebuild':
        return rebuild(ctx);
      case 'rebuild-scan': {
        // The map's listing holds every object under stories/: only story files are scanned.
        const prefix = ctx.content.prefix;
        const keys = event.keys.filter((key) => key.startsWith(prefix) && isStoryKey(key.slice(prefix.length))).map((key) => key.slice(prefix.length));
        const scanned = await scanPartition(ctx, event.run, keys);
        logger.info('rebuild batch scanned', { run: event.run, ...scanned });
        return scanned;
      }
      case 'rebuild-finish': {
        const done = await rebuild(ctx, () => readArchiveScan(ctx, event.run));
        // The site is rebuilt: scratch left behind is the lifecycle rule's to expire, not a failure
        // (a retried step would find the scan half gone).
        await removeRun(ctx, event.run).catch((error: unknown) => logger.warn('rebuild scratch not removed; it expires in a week', { run: event.run, error: error as Error }));
        return done;
      }
    }
  });
}
