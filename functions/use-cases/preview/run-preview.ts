import type { Clock } from '../../core/ports/clock.js';
import type { PreviewServer } from '../../core/ports/preview-server.js';
import { countOf } from '../../core/text/count-noun.js';
import type { BuildSummary } from '../build/run-build.js';
import type { Reporter } from '../reporter.js';
import { createRebuildScheduler } from './rebuild-scheduler.js';

/** Quiet time after the last file event before a rebuild: an editor's save and a copied folder settle well within it. */
const DEBOUNCE_MS = 200;

/** What the preview runs on. */
export interface PreviewPorts {
  /** Starts serving the output. */
  serve(): Promise<PreviewServer>;
  /** Follows the content; resolves once every file is watched, so a change after that is seen. */
  watch(changed: () => void, failed: (error: Error) => void): Promise<{ close(): Promise<void> }>;
  /** One build at `now`, reporting to `reporter`; throws when it cannot run (a bad site.json). */
  build(now: Date, reporter: Reporter): BuildSummary;
  clock: Clock;
}

/** A preview that has made its first build and follows the content. */
export interface RunningPreview {
  /** The first build's exit code. */
  code: number;
  port: number;
  /** Closes the watcher, the waiting rebuild and the server. */
  stop(): Promise<void>;
}

/**
 * Serves the output, builds it, then follows the content: every change rebuilds (the same
 * incremental build as `wirefeed build`, through its cache), prints one line with the rebuild's
 * errors below it, and reloads the open pages.
 */
export async function runPreview(options: { contentName: string; verbose?: boolean }, ports: PreviewPorts, firstBuild: () => number, reporter: Reporter): Promise<RunningPreview> {
  const server = await ports.serve();
  const scheduler = createRebuildScheduler(() => {
    if (rebuild(options.verbose === true, ports, reporter)) server.rebuilt();
  }, DEBOUNCE_MS);
  // Watching before the first build: a story saved while it runs gets a rebuild after it.
  const watcher = await ports.watch(() => scheduler.changed(), (error) => reporter.error(`watching ${options.contentName}: ${error.message}`));
  const stop = async () => {
    await scheduler.close();
    await watcher.close();
    server.close();
  };
  try {
    return { code: firstBuild(), port: server.port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One rebuild, reported as one line and its errors. Progress and partner summaries, which the
 * first build printed, are left out unless verbose: a developer saving a story wants the outcome.
 * False when it failed: open pages are not reloaded (a bad site.json stops it before any write).
 */
function rebuild(verbose: boolean, ports: PreviewPorts, reporter: Reporter): boolean {
  const started = ports.clock.monotonicMs();
  const errors: string[] = [];
  const collecting: Reporter = { error: (line) => errors.push(line), info: (line) => (verbose ? reporter.info(line) : undefined) };
  const elapsed = () => Math.round(ports.clock.monotonicMs() - started);
  let built = false;
  try {
    const summary = ports.build(ports.clock.now(), collecting);
    reporter.info(rebuiltLine(elapsed(), summary));
    built = true;
  } catch (error) {
    // A bad site.json, or a content folder gone: the preview keeps serving the last good build.
    reporter.info(`rebuild failed after ${elapsed()} ms, still serving the last build`);
    errors.push((error as Error).message);
  }
  for (const line of errors) reporter.error(line);
  return built;
}

/** `rebuilt in 180 ms: 7 stories published, 1 rejected`. */
function rebuiltLine(ms: number, summary: BuildSummary): string {
  return `rebuilt in ${ms} ms: ${countOf(summary.published, 'story', 'stories')} published, ${summary.rejected.length} rejected`;
}
