import type { FragmentBytes } from '../incremental/fragment-bytes.js';
import type { StateKeys } from './state-keys.js';

/** A state object's body as a read keeps it: its text (JSON state) or its bytes (framed state). */
export type StateBody = string | Uint8Array;

/** How one kind of state object is stored. */
export interface StateCodec<T> {
  /** What a read keeps of a body: its text for JSON state, the bytes themselves for framed state. */
  retain(body: Uint8Array): StateBody;
  decode(retained: StateBody): T;
  encode(value: T): StateBody;
}

/** A state object read, with its ETag and its body as retained. */
export interface ReadState<T> {
  value: T;
  etag: string;
  body: StateBody;
}

/** Keys (relative to the site's prefix) under a prefix, in the store's order, with ETags and sizes. */
export interface StateListing {
  /** `modified`: when the object was last written, in ms since the epoch (S3 lists it to the second). */
  objects: Array<{ key: string; etag: string; size: number; modified?: number }>;
  /** True when more keys follow the ones returned. */
  more: boolean;
}

/** A conditional write lost a race: somebody else changed the object first. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
}

/**
 * The site bucket as the Lambda's use cases see it by key (adapters/s3-state.ts): the publisher's
 * state, each object named by `keys` (the adapter owns the layout), read with ETags and written
 * conditionally; a rebuild also lists and reads public files here, to take stock of what exists.
 */
export interface StateStore {
  /** The key of each state object and marker. */
  readonly keys: StateKeys;
  /** The codec of framed state whose fragments `fragments` keeps. */
  framed<T>(fragments: FragmentBytes): StateCodec<T>;
  /** Reads a state object; undefined when absent. */
  read<T>(key: string, codec: StateCodec<T>): Promise<ReadState<T> | undefined>;
  /** Reads a JSON state object; undefined when absent. */
  readJson<T>(key: string): Promise<ReadState<T> | undefined>;
  /**
   * Optimistic update of one shared object: `step` computes the next value from the current one
   * (undefined: write nothing); a lost race reads again and redoes the step, within a retry budget.
   */
  update<T>(key: string, codec: StateCodec<T>, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined>;
  /** `update` of a JSON state object. */
  updateJson<T>(key: string, step: (current: T | undefined) => Promise<T | undefined>): Promise<T | undefined>;
  /** Writes an encoded body only if the object still has `etag` (or is absent, for undefined); PreconditionFailedError otherwise. Returns the new ETag. */
  write(key: string, body: StateBody, etag: string | undefined): Promise<string>;
  /** Writes a state body whatever is there: for objects only one publisher writes. */
  put(key: string, body: StateBody): Promise<string>;
  /** Writes an empty marker object: its key is the fact. */
  putMarker(key: string): Promise<string>;
  delete(key: string): Promise<void>;
  /** At most `limit` keys under `prefix`. */
  list(prefix: string, limit?: number): Promise<StateListing>;
  /** The keys under `prefix` after `after` and up to `through` (inclusive), in order: a range listed without the keys before it. */
  listRange(prefix: string, after: string, through: string): Promise<StateListing['objects']>;
  /** An object's bytes and ETag; undefined when absent. */
  get(key: string): Promise<{ body: Uint8Array; etag: string } | undefined>;
  /** An object's ETag and size, without its body; undefined when absent. */
  stat(key: string): Promise<{ etag: string; size: number } | undefined>;
}
