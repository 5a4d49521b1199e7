import type { ItemSink } from '../core/outputs/item-sink.js';
import { fsContentSource } from '../adapters/fs-content.js';
import { fsSiteOutput } from '../adapters/fs-site.js';
import { defaultCacheDir, fsBuildCache, outputStampsPath } from '../adapters/fs-build-cache.js';
import { fsBuildThreads } from '../adapters/build-pool.js';
import { rendererVersion } from '../adapters/renderer-version.js';
import { runBuild, type BuildOptions, type BuildPorts, type BuildSummary } from '../use-cases/build/run-build.js';
import type { Reporter } from '../use-cases/reporter.js';

/** Options of `wirefeed build`: the folders it reads and writes, and the build's own options. */
export interface FolderBuildOptions extends BuildOptions {
  contentDir: string;
  outDir: string;
  /** Cache folder; default `.wirefeed-cache/<out name>` beside the output folder (adapters/fs-build-cache.ts `defaultCacheDir`). */
  cacheDir?: string;
}

/** Builds a content folder into an output folder, with the cache in its folder and worker threads. */
export function buildFolder(options: FolderBuildOptions, reporter: Reporter, extras: ItemSink[] = []): BuildSummary {
  return runBuild(options, folderPorts(options), reporter, extras);
}

/** The fs adapters a build over folders runs on. */
function folderPorts({ contentDir, outDir, cacheDir = defaultCacheDir(outDir) }: FolderBuildOptions): BuildPorts {
  return {
    content: fsContentSource(contentDir),
    output: fsSiteOutput(outDir, contentDir, outputStampsPath(cacheDir)),
    cache: fsBuildCache(cacheDir),
    threads: fsBuildThreads({ contentDir, outDir, cacheDir }),
    codeVersion: rendererVersion,
  };
}
