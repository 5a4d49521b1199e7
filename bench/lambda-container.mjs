// One Lambda container for the bench: bench/lambda-invoker.mjs forked with the function's
// environment, asked one thing at a time (import the bundle, invoke it), so its CPU is the
// handler's and not the parent's s3rver; and the S3 requests the counting proxy saw, by operation.
import { fork } from 'node:child_process';

/** A forked invoker and a way to ask it one thing at a time. */
export function startInvoker(env, execArgv = []) {
  const child = fork(new URL('./lambda-invoker.mjs', import.meta.url), [], { env, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => void (stderr += chunk));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`invoker exited (${code}):\n${stderr}`));
      child.once('exit', onExit);
      child.once('message', (answer) => {
        child.off('exit', onExit);
        if (answer.error) reject(new Error(`${answer.error}\n${stderr}`));
        else resolve(answer);
      });
      child.send(message);
    });
  // A child that died of a signal has a null exitCode and will not exit again: nothing to wait for.
  const stop = () => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', resolve), child.send({ exit: true }))));
  return { ask, stop };
}

/** Requests the proxy saw, by S3 operation (a LIST is a GET with `list-type`, a COPY a PUT with a copy source). */
export function byOperation(requests) {
  const counts = { GET: 0, PUT: 0, COPY: 0, HEAD: 0, LIST: 0, DELETE: 0, other: 0 };
  for (const { method, query, copy } of requests) {
    const operation = copy ? 'COPY' : method === 'GET' && query.includes('list-type') ? 'LIST' : method;
    counts[operation in counts ? operation : 'other'] += 1;
  }
  return counts;
}
