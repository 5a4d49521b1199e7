import type { ContentSource } from '../../core/ports/content-source.js';
import type { BuildCache, PackReader, PackWriter } from '../../core/ports/build-cache.js';
import type { SiteOutput } from '../../core/ports/site-output.js';
import type { JobSetup, StoryTask, WriteTask } from '../../core/ports/build-threads.js';
import type { ProcessedFile } from '../../core/build-record.js';
import { processStoryFile } from './process-story-file.js';
import { parseStory } from '../../core/ninjs/parse-story.js';
import { parseStoryCompact } from '../../core/ninjs/parse-story-compact.js';
import { expandTemplateBytes } from '../../core/fragment-token.js';

/** Where a thread's jobs read and write. */
export interface JobPorts {
  content: ContentSource;
  output: SiteOutput;
  cache: BuildCache;
}

/**
 * The two kinds of work a build hands out: processing story files (read, parse, render into the pack)
 * and writing outputs (expand a template, write atomically). The same code runs in the main thread
 * for small builds and in each worker for large ones.
 */
export interface BuildJobs {
  process(task: StoryTask): ProcessedFile;
  /** Makes every fragment processed so far readable (the pack writer buffers). */
  flush(): void;
  /** Writes one output; returns its size in bytes. */
  write(task: WriteTask): number;
  close(): void;
}

/** Opens the jobs of one thread: its own pack writer, pack reader and media catalog. */
export function openBuildJobs(setup: JobSetup, ports: JobPorts): BuildJobs {
  const { content, output, cache } = ports;
  const catalog = content.mediaCatalog();
  const fingerprint = content.mediaFingerprint();
  let packs: { fragments: PackWriter; details: PackWriter } | undefined;
  let reader: PackReader | undefined;
  const scratch = { buffer: Buffer.allocUnsafe(1 << 20) };
  return {
    process(task) {
      packs ??= { fragments: cache.openPackWriter(setup.pack), details: cache.openPackWriter(setup.detailPack) };
      return processStoryFile(task.file, content, setup.site, catalog, fingerprint, packs, setup.compactValidator ? parseStoryCompact : parseStory);
    },
    flush() {
      packs?.fragments.flush();
      packs?.details.flush();
    },
    write(task) {
      reader ??= cache.openPackReader();
      const body = expandTemplateBytes(task.template, reader, scratch);
      output.writeFile(task.path, body);
      return body.byteLength;
    },
    close() {
      packs?.fragments.close();
      packs?.details.close();
      reader?.close();
    },
  };
}
