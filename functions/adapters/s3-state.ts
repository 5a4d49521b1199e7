import { setTimeout as sleep } from 'node:timers/promises';
import { deleteObject, getObject, getObjectIfChanged, listObjects, putObject, statObject, UNCHANGED, type S3Location } from './s3-store.js';
import { StateCache } from './state-cache.js';
import { PreconditionFailedError, type StateBody, type StateCodec, type StateStore } from '../core/ports/state-store.js';
import { cacheControlOf } from './s3-cache-policy.js';
import { decodeFramed, encodeFramed, StateFormatError } from '../core/incremental/framed-state.js';
import type { FragmentBytes } from '../core/incremental/fragment-bytes.js';
import { S3_STATE_KEYS } from './s3-state-layout.js';

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
function backoffMs(attempt: number, random: () => number = jitter): number {
  return random() * Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (attempt - 1));
}

/** State bodies kept between reads, per S3 client (so per endpoint); ~64 MB at most. */
const caches = new WeakMap<S3Location['client'], StateCache>();
const CACHE_SIZE = 32 * 1024 * 1024;

function cacheOf(at: S3Location): { cache: StateCache; id: (key: string) => string } {
  let cache = caches.get(at.client);
  if (!cache) caches.set(at.client, (cache = new StateCache(CACHE_SIZE)));
  return { cache, id: (key) => `${at.bucket}/${at.prefix}${key}` };
}

const UTF8 = new TextDecoder();

/** Plain JSON state, retained as its text. */
const JSON_STATE: StateCodec<unknown> = {
  retain: (body) => UTF8.decode(body),
  decode: (retained) => JSON.parse(typeof retained === 'string' ? retained : UTF8.decode(retained)),
  encode: (value) => JSON.stringify(value),
};

/** Framed state (`framed-state.ts`): retained as bytes, its fragments read back as tokens `fragments` keeps. */
function framedState<T>(fragments: FragmentBytes): StateCodec<T> {
  return {
    retain: (body) => body,
    decode: (retained) => decodeFramed<T>(typeof retained === 'string' ? Buffer.from(retained) : retained, fragments),
    encode: (value) => encodeFramed(value, fragments),
  };
}

/**
 * Reads a state object, with its body as retained; undefined when absent. A body this process already
 * holds is asked for conditionally, and reused when S3 answers that it is unchanged.
 */
async function readState<T>(at: S3Location, key: string, codec: StateCodec<T>): Promise<{ value: T; etag: string; body: StateBody } | undefined> {
  const { cache, id } = cacheOf(at);
  const cached = cache.get(id(key));
  const object = cached ? await getObjectIfChanged(at, key, cached.etag) : await getObject(at, key);
  if (object === UNCHANGED) return { value: decodeAt(codec, key, cached!.body), etag: cached!.etag, body: cached!.body };
  if (!object) {
    cache.delete(id(key));
    return undefined;
  }
  const body = codec.retain(object.body);
  const value = decodeAt(codec, key, body);
  cache.set(id(key), { etag: object.etag, body });
  return { value, etag: object.etag, body };
}

/** Decodes a body read from `key`; a body in a format this version does not write is named by its key. */
function decodeAt<T>(codec: StateCodec<T>, key: string, body: StateBody): T {
  try {
    return codec.decode(body);
  } catch (error) {
    if (error instanceof StateFormatError && error.key === undefined) throw new StateFormatError(key);
    throw error;
  }
}

/** Reads a JSON state object (`readState`). */
export async function readJson<T>(at: S3Location, key: string): Promise<{ value: T; etag: string; body: StateBody } | undefined> {
  return readState(at, key, JSON_STATE as StateCodec<T>);
}

/** Writes an encoded state body, conditional on the ETag read (or on absence when there was none). */
async function writeState(at: S3Location, key: string, body: StateBody, etag: string | undefined): Promise<string> {
  return putObject(at, key, body, {
    contentType: stateContentType(body),
    cacheControl: cacheControlOf('state'),
    ...(etag === undefined ? { ifNoneMatch: '*' as const } : { ifMatch: etag }),
  });
}

/**
 * Writes a state object whatever is there: for objects only one publisher writes (a story's own
 * record and item, an archive page under its feed's window), where a condition would only cost.
 */
async function putState(at: S3Location, key: string, body: StateBody): Promise<string> {
  return putObject(at, key, body, { contentType: stateContentType(body), cacheControl: cacheControlOf('state') });
}

/** Writes an empty marker object: its key is the fact (a feed's order, a partner's carried story). */
export async function putMarker(at: S3Location, key: string): Promise<string> {
  return putObject(at, key, '', { contentType: 'application/octet-stream', cacheControl: cacheControlOf('state') });
}

/** The Content-Type of a state body: JSON text, or framed bytes. */
function stateContentType(body: StateBody): string {
  return typeof body === 'string' ? 'application/json; charset=utf-8' : 'application/octet-stream';
}

/** Optimistic update of one JSON state object (`updateState`). */
export async function updateJson<T>(at: S3Location, key: string, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined> {
  return updateState(at, key, JSON_STATE as StateCodec<T>, step);
}

/**
 * Optimistic update of one shared state object: read it with its ETag, let `step` compute the next
 * value (and do the writes that must precede it, such as feed files), then commit with
 * `If-Match` (or `If-None-Match: *` when it did not exist). A 412 means another publisher
 * committed first: read again and redo the step on top of its result. When `step` returns
 * undefined, or a value that encodes to the body read, nothing is written.
 */
async function updateState<T>(at: S3Location, key: string, codec: StateCodec<T>, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await readState<T>(at, key, codec);
    const next = await step(current?.value);
    if (next === undefined) return current?.value;
    // Encoded once, and compared with the body read: a feed window is megabytes, and comparing
    // both serialised was 15 % of a publish's CPU. Equal bodies: nothing changed, nothing is written.
    const body = codec.encode(next);
    if (current && sameBody(body, current.body)) return current.value;
    try {
      const written = await writeState(at, key, body, current?.etag);
      // Shared state is read again by the next publish; a rebuild's one-off writes (writeState) are not kept.
      const { cache, id } = cacheOf(at);
      cache.set(id(key), { etag: written, body });
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

function sameBody(a: StateBody, b: StateBody): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

/** The state store of the Lambda's use cases, on the site bucket at `at`. */
export function s3StateStore(at: S3Location): StateStore {
  return {
    keys: S3_STATE_KEYS,
    framed: (fragments) => framedState(fragments),
    read: (key, codec) => readState(at, key, codec),
    readJson: (key) => readJson(at, key),
    update: (key, codec, step) => updateState(at, key, codec, step),
    updateJson: (key, step) => updateJson(at, key, step),
    write: (key, body, etag) => writeState(at, key, body, etag),
    put: (key, body) => putState(at, key, body),
    putMarker: (key) => putMarker(at, key),
    delete: (key) => deleteObject(at, key),
    list: (prefix, limit) => listObjects(at, prefix, limit),
    listRange: (prefix, after, through) => listObjects(at, prefix, Infinity, { after, through }).then(({ objects }) => objects),
    get: (key) => getObject(at, key),
    stat: (key) => statObject(at, key),
  };
}
