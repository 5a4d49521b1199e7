import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildFolder, type FolderBuildOptions } from './build-command.js';
import type { BuildSummary } from '../use-cases/build/run-build.js';
import type { Reporter } from '../use-cases/reporter.js';
import { startPreviewServer } from './preview-server.js';
import { createLiveReload } from './preview-live-reload.js';
import { createRebuildScheduler } from './rebuild-scheduler.js';
import { watchContent } from '../adapters/content-watcher.js';
import { countOf } from '../core/text/count-noun.js';
import { FORMATS } from '../core/formats/registry.js';

/** Quiet time after the last file event before a rebuild: an editor's save and a copied folder settle well within it. */
const DEBOUNCE_MS = 200;

/** What `wirefeed preview` needs besides the build options. */
export interface PreviewSetup {
  port: number;
  /** The site's public base URL, which the server points at itself in what it serves. */
  baseUrl: string;
  /** The first build, which prints as `wirefeed build` does; resolves to its exit code. */
  firstBuild: () => number;
}

/**
 * Serves the output folder, builds it, then follows the content folder: every change rebuilds
 * (the same incremental build as `wirefeed build`, through its cache), prints one line with the
 * rebuild's errors below it, and reloads the open pages. SIGINT or SIGTERM closes the watcher and
 * the event streams, and lets the process end. Resolves to the first build's exit code.
 */
export async function runPreview(options: Omit<FolderBuildOptions, 'now'>, setup: PreviewSetup, reporter: Reporter): Promise<number> {
  const live = createLiveReload();
  const server = await startPreviewServer(options.outDir, setup.port, setup.baseUrl, live);
  const scheduler = createRebuildScheduler(() => {
    if (rebuild(options, reporter)) live.rebuilt();
  }, DEBOUNCE_MS);
  // Watching before the first build: a story saved while it runs gets a rebuild after it.
  const watcher = await watchContent(options.contentDir, () => scheduler.changed(), (error) => reporter.error(`watching ${options.contentDir}: ${error.message}`));
  const stop = async () => {
    await scheduler.close();
    await watcher.close();
    live.close();
    server.close();
    // Browsers keep idle connections open; the server would wait for them.
    server.closeAllConnections();
  };
  let code: number;
  try {
    code = setup.firstBuild();
  } catch (error) {
    await stop();
    throw error;
  }
  // Once: a second Ctrl+C while closing ends the process at once, as without a handler.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.exitCode = 130;
      void stop();
    });
  }
  reporter.info(`preview at http://localhost:${(server.address() as AddressInfo).port}/ (feeds: ${FORMATS.map((format) => format.fileName).join(', ')}) — Ctrl+C to stop`);
  return code;
}

/**
 * One rebuild, reported as one line and its errors. Progress and partner summaries, which the
 * first build printed, are left out unless verbose: a developer saving a story wants the outcome.
 * False when it failed: open pages are not reloaded (a bad site.json stops it before any write).
 */
function rebuild(options: Omit<FolderBuildOptions, 'now'>, reporter: Reporter): boolean {
  const started = performance.now();
  const errors: string[] = [];
  const collecting: Reporter = { error: (line) => errors.push(line), info: (line) => (options.verbose ? reporter.info(line) : undefined) };
  const elapsed = () => Math.round(performance.now() - started);
  let built = false;
  try {
    const summary = buildFolder({ ...options, now: new Date() }, collecting);
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
