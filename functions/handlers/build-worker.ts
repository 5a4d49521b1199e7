// Entry of a build worker thread (adapters/build-pool.ts): runs the build jobs on the folders it
// was given, replying on its own port and waking the main thread through a shared counter.
import { workerData } from 'node:worker_threads';
import type { PoolReply, PoolRequest, WorkerData } from '../adapters/build-pool.js';
import { fsContentSource } from '../adapters/fs-content.js';
import { fsSiteOutput } from '../adapters/fs-site.js';
import { fsBuildCache } from '../adapters/fs-build-cache.js';
import { openBuildJobs } from '../use-cases/build/build-jobs.js';

const { folders, setup, port, signal } = workerData as WorkerData;
const wake = new Int32Array(signal);
const jobs = openBuildJobs(setup, {
  content: fsContentSource(folders.contentDir),
  output: fsSiteOutput(folders.outDir, folders.contentDir),
  cache: fsBuildCache(folders.cacheDir),
});

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
    } else if (request.type === 'write') reply({ type: 'written', results: request.tasks.map((task) => ({ path: task.path, bytes: jobs.write(task) })) });
    else {
      jobs.close();
      port.close();
    }
  } catch (error) {
    reply({ type: 'failed', message: (error as Error).stack ?? String(error) });
  }
});
