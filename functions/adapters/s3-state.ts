import { setTimeout as sleep } from 'node:timers/promises';
import { getObject, getObjectIfChanged, PreconditionFailedError, putObject, UNCHANGED, type S3Location } from './s3-store.js';
import { StateCache } from './state-cache.js';

/**
 * Retry budget of one optimistic update: attempts, and the backoff before attempt n+1, drawn
 * uniformly from [0, min(cap, base × 2^(n−1))) ("full jitter"). Worst case before the record fails:
 * 25+50+100+200+400+800+1000+1000+1000 ms ≈ 4.6 s of waiting per shared object, far inside the
 * function's timeout; the expected wait is half of it.
 */
export const RETRY_POLICY = { attempts: 10, baseMs: 25, capMs: 1000 } as const;

/** Source of jitter in [0, 1); tests seed it so a run's backoff schedule is reproducible. */
let jitter: () => number = Math.random;

/** Replaces the jitter source (tests); returns the previous one. */
export function setJitterSource(source: () => number): () => number {
  const previous = jitter;
  jitter = source;
  return previous;
}

/** Counts of conditional writes that lost a race, since the module was loaded (for logs and tests). */
export const conflictStats = { preconditionFailures: 0, exhausted: 0 };

/** The backoff before retrying after the `attempt`-th conflict (1-based). */
export function backoffMs(attempt: number, random: () => number = jitter): number {
  return random() * Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (attempt - 1));
}

/** State texts held between reads, per S3 client (so per endpoint); ~64 MB at most. */
const caches = new WeakMap<S3Location['client'], StateCache>();
const CACHE_CHARS = 32 * 1024 * 1024;

function cacheOf(at: S3Location): { cache: StateCache; id: (key: string) => string } {
  let cache = caches.get(at.client);
  if (!cache) caches.set(at.client, (cache = new StateCache(CACHE_CHARS)));
  return { cache, id: (key) => `${at.bucket}/${at.prefix}${key}` };
}

/**
 * Reads a JSON state object, with its text as stored; undefined when absent. A text this process
 * already holds is asked for conditionally, and reused when S3 answers that it is unchanged.
 */
export async function readJson<T>(at: S3Location, key: string): Promise<{ value: T; etag: string; text: string } | undefined> {
  const { cache, id } = cacheOf(at);
  const held = cache.get(id(key));
  const object = held ? await getObjectIfChanged(at, key, held.etag) : await getObject(at, key);
  if (object === UNCHANGED) return { value: JSON.parse(held!.text) as T, etag: held!.etag, text: held!.text };
  if (!object) {
    cache.delete(id(key));
    return undefined;
  }
  const text = new TextDecoder().decode(object.body);
  cache.set(id(key), object.etag, text);
  return { value: JSON.parse(text) as T, etag: object.etag, text };
}

/** Writes a JSON state object, conditional on the ETag read (or on absence when there was none). */
export async function writeJson(at: S3Location, key: string, value: unknown, etag: string | undefined): Promise<string> {
  return writeJsonText(at, key, JSON.stringify(value), etag);
}

async function writeJsonText(at: S3Location, key: string, text: string, etag: string | undefined): Promise<string> {
  return putObject(at, key, text, {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'no-store',
    ...(etag === undefined ? { ifNoneMatch: '*' as const } : { ifMatch: etag }),
  });
}

/**
 * Optimistic update of one shared state object: read it with its ETag, let `step` compute the next
 * value (and do the writes that must precede it, such as feed files), then commit with
 * `If-Match` (or `If-None-Match: *` when it did not exist). A 412 means another publisher
 * committed first: read again and redo the step on top of its result. When `step` returns
 * undefined, or a value that serialises to the text read, nothing is written.
 */
export async function updateJson<T>(at: S3Location, key: string, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await readJson<T>(at, key);
    const next = await step(current?.value);
    if (next === undefined) return current?.value;
    // Serialised once, and compared with the text read: a feed window is megabytes, and comparing
    // both serialised was 15 % of a publish's CPU. Equal text: nothing changed, nothing is written.
    const text = JSON.stringify(next);
    if (current && text === current.text) return current.value;
    try {
      const written = await writeJsonText(at, key, text, current?.etag);
      // Shared state is read again by the next publish; a rebuild's one-off writes (writeJson) are not kept.
      const { cache, id } = cacheOf(at);
      cache.set(id(key), written, text);
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      conflictStats.preconditionFailures += 1;
      if (attempt >= RETRY_POLICY.attempts) {
        conflictStats.exhausted += 1;
        throw error;
      }
      // Exponential backoff with full jitter: publishers that collided spread out further each round.
      await sleep(backoffMs(attempt));
    }
  }
}
