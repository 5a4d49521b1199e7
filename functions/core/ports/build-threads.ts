import type { SiteConfig } from '../site.js';
import type { StoryFile } from './content-source.js';
import type { ProcessedFile } from '../build-record.js';

/** What every build job needs to know besides where content, output and cache are; plain data, so it can be handed to a thread. */
export interface JobSetup {
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

/** A file to write: its path under the site root and its template (see use-cases/build/build-templates.ts). */
export interface WriteTask {
  path: string;
  template: string;
}

/** Build threads beside the main one (adapters/build-pool.ts), each running the build jobs on its own packs. */
export interface BuildPool {
  /** Processes every task on the threads; `onResult` gets results as they come (any order). */
  process(tasks: StoryTask[], onResult: (index: number, processed: ProcessedFile) => void): void;
  /** Queues an output write; blocks only when every thread already has enough queued. */
  write(task: WriteTask): void;
  /** Waits for every queued write; the pool's `onWritten` gets each output's size. */
  drain(): void;
  close(): void;
}

/** How a build gets its threads: how many the machine offers, and starting them. */
export interface BuildThreads {
  /** Threads the machine runs at once. */
  available: number;
  /** Starts `count` threads; thread `i` appends to its own packs, `packsOf(i)`. */
  start(setup: Omit<JobSetup, 'pack' | 'detailPack'>, packsOf: (thread: number) => Pick<JobSetup, 'pack' | 'detailPack'>, count: number, onWritten: (path: string, bytes: number) => void): BuildPool;
}
