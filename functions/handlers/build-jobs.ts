import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteConfig } from '../core/site.js';
import { fsMediaCatalog, fsMediaFingerprint, type StoryFile } from '../adapters/fs-content.js';
import { openPackReader, openPackWriter, type PackReader, type PackWriter } from '../adapters/fragment-cache.js';
import { processStoryFile, type ProcessedFile } from './build-record.js';
import { parseStory } from '../core/ninjs/parse-story.js';
import { parseStoryCompact } from '../core/ninjs/parse-story-compact.js';
import { expandTemplateBytes } from '../core/fragment-token.js';
import { makeFolder } from '../adapters/make-folder.js';

/** What every build job needs to know; plain data, so it can be handed to a worker. */
export interface JobSetup {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  site: SiteConfig;
  /** The pack this job appends fragments and pages to. */
  pack: number;
  /**
   * The pack this job appends each story's parts (RenderedParts JSON) to. Apart from the fragments,
   * the parts of stories processed one after another lie side by side, so the main thread reads
   * thousands of them back with a few large reads instead of one small read each.
   */
  detailPack: number;
  /**
   * Validate with @cfworker/json-schema, ready at once, instead of ajv, whose half-second schema
   * compile pays off only over thousands of stories: chosen when this thread has few to parse (a
   * warm build, a small site). Both give the same answers (core/ninjs/validators-agree.test.ts).
   */
  compactValidator?: boolean;
}

/** A story file to process, with its position in the build's file list. */
export interface StoryTask {
  index: number;
  file: StoryFile;
}

/** A file to write: its path under the site root and its template (see build-templates.ts). */
export interface WriteTask {
  path: string;
  template: string;
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
export function openBuildJobs(setup: JobSetup): BuildJobs {
  const catalog = fsMediaCatalog(setup.contentDir);
  const fingerprint = fsMediaFingerprint(setup.contentDir);
  let packs: { fragments: PackWriter; details: PackWriter } | undefined;
  let reader: PackReader | undefined;
  const scratch = { buffer: Buffer.allocUnsafe(1 << 20) };
  return {
    process(task) {
      packs ??= { fragments: openPackWriter(setup.cacheDir, setup.pack), details: openPackWriter(setup.cacheDir, setup.detailPack) };
      return processStoryFile(task.file, setup.site, catalog, fingerprint, packs, setup.compactValidator ? parseStoryCompact : parseStory);
    },
    flush() {
      packs?.fragments.flush();
      packs?.details.flush();
    },
    write(task) {
      reader ??= openPackReader(setup.cacheDir);
      const body = expandTemplateBytes(task.template, reader, scratch);
      writeAtomically(join(setup.outDir, task.path), body);
      return body.byteLength;
    },
    close() {
      packs?.fragments.close();
      packs?.details.close();
      reader?.close();
    },
  };
}

/**
 * Writes a file so a preview server never serves half of one that was there: an existing file is
 * replaced by writing beside it and renaming over it. A new file is created in place ('wx'), which
 * saves a second directory operation per file; a cold build creates every file, and under write
 * pressure those directory operations were the largest single cost of the write path.
 */
function writeAtomically(path: string, body: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return replaceFile(path, body);
    if (code !== 'ENOENT') throw error;
    makeFolder(dirname(path));
    fd = openSync(path, 'wx');
  }
  try {
    writeAll(fd, body);
  } finally {
    closeSync(fd);
  }
}

function replaceFile(path: string, body: Uint8Array): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
}

function writeAll(fd: number, body: Uint8Array): void {
  for (let done = 0; done < body.byteLength; ) done += writeSync(fd, body, done);
}
