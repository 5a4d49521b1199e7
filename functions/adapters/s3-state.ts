import { setTimeout as sleep } from 'node:timers/promises';
import { getObject, PreconditionFailedError, putObject, type S3Location } from './s3-store.js';

/** Attempts of one optimistic update before the record is failed (and SQS redelivers it). */
const MAX_ATTEMPTS = 8;

/** Reads a JSON state object; undefined when absent. */
export async function readJson<T>(at: S3Location, key: string): Promise<{ value: T; etag: string } | undefined> {
  const object = await getObject(at, key);
  if (!object) return undefined;
  return { value: JSON.parse(new TextDecoder().decode(object.body)) as T, etag: object.etag };
}

/** Writes a JSON state object, conditional on the ETag read (or on absence when there was none). */
export async function writeJson(at: S3Location, key: string, value: unknown, etag: string | undefined): Promise<string> {
  return putObject(at, key, JSON.stringify(value), {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'no-store',
    ...(etag === undefined ? { ifNoneMatch: '*' as const } : { ifMatch: etag }),
  });
}

/**
 * Optimistic update of one shared state object: read it with its ETag, let `step` compute the next
 * value (and do the writes that must precede it, such as feed files), then commit with
 * `If-Match` (or `If-None-Match: *` when it did not exist). A 412 means another publisher
 * committed first: read again and redo the step on top of its result. `step` returns undefined
 * when nothing changed, and nothing is written.
 */
export async function updateJson<T>(at: S3Location, key: string, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await readJson<T>(at, key);
    const next = await step(current?.value);
    if (next === undefined) return current?.value;
    try {
      await writeJson(at, key, next, current?.etag);
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
      // Jitter spreads publishers that collided so the next round does not collide again.
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
