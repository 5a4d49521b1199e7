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

/**
 * What each request was for, counted by operation: `<operation> <kind>` (`PUT _wirefeed/photo-users`),
 * the kind being the state object's folder (or file) under `_wirefeed/`, a feed set's file name
 * (`rss.xml`, `index.html`), another public file's folder (`stories/`, `media/`), or `content` for
 * the content bucket. Paths are `/<bucket>/<key>`.
 */
const FEED_SET_FILES = /^(rss\.xml|atom\.xml|feed\.json|feed\.html|index\.html)$/;
export function byKind(requests, siteBucket) {
  const counts = {};
  for (const request of requests) {
    const [operation] = Object.entries(byOperation([request])).find(([, n]) => n > 0);
    const [bucket, ...rest] = decodeURIComponent(request.path).slice(1).split('/');
    const listed = new URLSearchParams(request.query).get('prefix');
    const key = operation === 'LIST' && listed !== null ? listed.split('/') : rest;
    let kind;
    if (bucket !== siteBucket) kind = 'content';
    else if (key[0] === '_wirefeed') kind = `_wirefeed/${key[1]}`;
    else if (key.length === 1 || FEED_SET_FILES.test(key.at(-1))) kind = key.at(-1);
    else kind = `${key[0]}/`;
    const name = `${operation} ${kind}`;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}
