// Entry of a build worker thread (see build-pool.ts): runs story processing and output writes for
// the main thread, replying on its own port and waking the main thread through a shared counter.
import { workerData, type MessagePort } from 'node:worker_threads';
import { openBuildJobs, type JobSetup, type StoryTask, type WriteTask } from './build-jobs.js';

/** Messages the main thread sends. */
export type PoolRequest = { type: 'process'; tasks: StoryTask[] } | { type: 'write'; tasks: WriteTask[] } | { type: 'close' };

/** Messages a worker answers with. */
export type PoolReply =
  | { type: 'processed'; results: Array<{ index: number; processed: import('./build-record.js').ProcessedFile }> }
  | { type: 'written'; results: Array<{ path: string; bytes: number }> }
  | { type: 'failed'; message: string };

const { setup, port, signal } = workerData as { setup: JobSetup; port: MessagePort; signal: SharedArrayBuffer };
const wake = new Int32Array(signal);
const jobs = openBuildJobs(setup);

function reply(message: PoolReply): void {
  port.postMessage(message);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
}

port.on('message', (request: PoolRequest) => {
  try {
    if (request.type === 'process') {
      const results = request.tasks.map((task) => ({ index: task.index, processed: jobs.process(task) }));
      jobs.flush();
      reply({ type: 'processed', results });
    }
    else if (request.type === 'write') reply({ type: 'written', results: request.tasks.map((task) => ({ path: task.path, bytes: jobs.write(task) })) });
    else {
      jobs.close();
      port.close();
    }
  } catch (error) {
    reply({ type: 'failed', message: (error as Error).stack ?? String(error) });
  }
});
