import { servePreview } from '../adapters/preview-server.js';
import { watchContent } from '../adapters/content-watcher.js';
import { systemClock } from '../adapters/system-clock.js';
import { FORMATS } from '../core/formats/registry.js';
import { runPreview } from '../use-cases/preview/run-preview.js';
import type { Reporter } from '../use-cases/reporter.js';
import { buildFolder, type FolderBuildOptions } from './build-command.js';

/**
 * `wirefeed preview`: serves the output folder on `port`, builds it (`firstBuild`, which prints as
 * `wirefeed build` does) and rebuilds on every change of the content folder. SIGINT or SIGTERM
 * closes the watcher and the event streams, and lets the process end. Resolves to the first
 * build's exit code.
 */
export async function runPreviewCommand(options: Omit<FolderBuildOptions, 'now'>, setup: { port: number; baseUrl: string; firstBuild: () => number }, reporter: Reporter): Promise<number> {
  const preview = await runPreview(
    { contentName: options.contentDir, verbose: options.verbose },
    {
      serve: () => servePreview(options.outDir, setup.port, setup.baseUrl),
      watch: (changed, failed) => watchContent(options.contentDir, changed, failed),
      build: (now, collecting) => buildFolder({ ...options, now }, collecting),
      clock: systemClock,
    },
    setup.firstBuild,
    reporter,
  );
  // Once: a second Ctrl+C while closing ends the process at once, as without a handler.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.exitCode = 130;
      void preview.stop();
    });
  }
  reporter.info(`preview at http://localhost:${preview.port}/ (feeds: ${FORMATS.map((format) => format.fileName).join(', ')}) — Ctrl+C to stop`);
  return preview.code;
}
