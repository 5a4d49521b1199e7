import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ProcessedFile } from '../core/build-record.js';
import type { BuildPool, BuildThreads, JobSetup, StoryTask, WriteTask } from '../core/ports/build-threads.js';

/** Where a build thread's content, output and cache folders are: it opens its own adapters on them. */
export interface BuildFolders {
  contentDir: string;
  outDir: string;
  cacheDir: string;
}

/** What a build thread is started with (handlers/build-worker.ts). */
export interface WorkerData {
  folders: BuildFolders;
  setup: JobSetup;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** Messages the main thread sends. */
export type PoolRequest = { type: 'process'; tasks: StoryTask[] } | { type: 'write'; tasks: WriteTask[] } | { type: 'close' };

/** Messages a worker answers with. */
export type PoolReply =
  | { type: 'processed'; results: Array<{ index: number; processed: ProcessedFile }> }
  | { type: 'written'; results: Array<{ path: string; bytes: number }> }
  | { type: 'failed'; message: string };

/** Story files per message: large enough to amortise messaging, small enough to balance two cores. */
const PROCESS_BATCH = 32;
/** Outputs per message, and how many messages may wait per worker before the main thread waits. */
const WRITE_BATCH = 32;
const MAX_QUEUED = 4;
/** A worker silent this long while it owes replies is taken for dead. */
const STALL_MS = 120_000;

/**
 * Build worker threads over folders, driven synchronously: `runBuild` stays a plain function (its
 * callers and tests call it without await), so the main thread blocks on a shared counter
 * (`Atomics.wait`) and takes replies with `receiveMessageOnPort` instead of running an event loop.
 */
export function fsBuildThreads(folders: BuildFolders): BuildThreads {
  return { available: availableParallelism(), start: (setup, packsOf, count, onWritten) => startBuildPool(folders, setup, packsOf, count, onWritten) };
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  owed: number;
}

/** Starts `count` workers; worker `i` appends to its own packs, `packsOf(i)`. */
function startBuildPool(folders: BuildFolders, setup: Omit<JobSetup, 'pack' | 'detailPack'>, packsOf: (worker: number) => Pick<JobSetup, 'pack' | 'detailPack'>, count: number, onWritten: (path: string, bytes: number) => void): BuildPool {
  const signal = new SharedArrayBuffer(4);
  const wake = new Int32Array(signal);
  const workers: PoolWorker[] = [];
  for (let i = 0; i < count; i += 1) {
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = { folders, setup: { ...setup, ...packsOf(i) }, port: port2, signal };
    const worker = spawnWorker(workerData, [port2]);
    worker.unref();
    workers.push({ worker, port: port1, owed: 0 });
  }
  let onProcessed: ((index: number, processed: ProcessedFile) => void) | undefined;
  let pendingWrites: WriteTask[] = [];

  const send = (target: PoolWorker, request: PoolRequest) => {
    target.port.postMessage(request);
    target.owed += 1;
  };
  const handle = (from: PoolWorker, reply: PoolReply) => {
    from.owed -= 1;
    if (reply.type === 'failed') throw new Error(`build worker failed: ${reply.message}`);
    if (reply.type === 'processed') for (const { index, processed } of reply.results) onProcessed!(index, processed);
    else for (const { path, bytes } of reply.results) onWritten(path, bytes);
  };
  /** Blocks until at least one reply arrived, and handles every reply there is. */
  const waitForReplies = () => {
    const seen = Atomics.load(wake, 0);
    let got = false;
    for (const target of workers) {
      for (let message = receiveMessageOnPort(target.port); message; message = receiveMessageOnPort(target.port)) {
        handle(target, message.message as PoolReply);
        got = true;
      }
    }
    if (got) return;
    if (Atomics.wait(wake, 0, seen, STALL_MS) === 'timed-out') throw new Error('build worker stopped answering');
  };
  const leastBusy = () => workers.reduce((best, target) => (target.owed < best.owed ? target : best));
  const flushWrites = () => {
    if (pendingWrites.length === 0) return;
    while (leastBusy().owed >= MAX_QUEUED) waitForReplies();
    send(leastBusy(), { type: 'write', tasks: pendingWrites });
    pendingWrites = [];
  };

  return {
    process(tasks, onResult) {
      onProcessed = onResult;
      let next = 0;
      while (next < tasks.length || workers.some((target) => target.owed > 0)) {
        for (const target of workers) {
          while (target.owed < 2 && next < tasks.length) {
            send(target, { type: 'process', tasks: tasks.slice(next, next + PROCESS_BATCH) });
            next += PROCESS_BATCH;
          }
        }
        waitForReplies();
      }
    },
    write(task) {
      pendingWrites.push(task);
      if (pendingWrites.length >= WRITE_BATCH) flushWrites();
    },
    drain() {
      flushWrites();
      while (workers.some((target) => target.owed > 0)) waitForReplies();
    },
    close() {
      for (const target of workers) {
        // The worker closes its files and port, then exits on its own (terminating it would leak its descriptors).
        target.port.postMessage({ type: 'close' } satisfies PoolRequest);
        target.port.close();
      }
    },
  };
}

/**
 * A worker allocates fast and keeps little (one story at a time), so a small young generation costs
 * a few cheap scavenges more and saves ~30 MB per worker: a 10k build's peak RSS 280 -> 220 MB for
 * ~3 % more CPU (measured with 4, 6, 12 MB and V8's default).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/** Starts the compiled worker beside the CLI bundle, or the TypeScript one through tsx when run from source. */
function spawnWorker(workerData: unknown, transferList: MessagePort[]): Worker {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new Worker(join(dirname(here), 'build-worker.js'), { workerData, transferList, resourceLimits: WORKER_LIMITS });
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(join(dirname(here), '..', 'handlers', 'build-worker.ts')).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData, transferList, resourceLimits: WORKER_LIMITS });
}
