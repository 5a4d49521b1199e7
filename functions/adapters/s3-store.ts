import type { S3Client } from '@aws-sdk/client-s3';
import { PreconditionFailedError } from '../core/ports/state-store.js';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from './aws-sdk.js';

/** One bucket and the prefix everything is stored under ('' for the bucket root). */
export interface S3Location {
  client: S3Client;
  bucket: string;
  prefix: string;
}

/** A stored object's bytes and ETag (quotes removed). */
export interface StoredObject {
  body: Uint8Array;
  etag: string;
}

/** How to write an object. `ifMatch`/`ifNoneMatch` make the PUT conditional (S3 answers 412). */
export interface PutOptions {
  contentType: string;
  cacheControl: string;
  ifMatch?: string;
  ifNoneMatch?: '*';
}


/** An object larger than the caller accepts; no more than `limit` bytes of its body were read. */
export class ObjectTooLargeError extends Error {
  override readonly name = 'ObjectTooLargeError';

  constructor(
    readonly key: string,
    /** Its Content-Length; undefined when S3 sent none and the body ran past the limit. */
    readonly size: number | undefined,
    readonly limit: number,
  ) {
    super(`${key} is ${size === undefined ? `more than ${limit}` : size} bytes; the limit is ${limit}`);
  }
}

/**
 * Reads an object; undefined when it does not exist. Any other failure throws (never "empty").
 * With `maxBytes`, an object whose Content-Length exceeds it throws ObjectTooLargeError before a
 * byte of the body is read: a multi-gigabyte upload must not take the function's memory with it.
 * Nor is more than `maxBytes` of a body read whatever the headers say (a chunked answer has no
 * Content-Length): the count of bytes received is what is checked against the limit.
 */
export async function getObject(at: S3Location, key: string, options: { maxBytes?: number } = {}): Promise<StoredObject | undefined> {
  const object = await readObject(at, key, options);
  return object === UNCHANGED ? undefined : object;
}

/** What `getObjectIfChanged` answers when the object still has the ETag the caller holds. */
export const UNCHANGED = Symbol('unchanged');

/**
 * Reads an object unless its ETag is still `etag` (`If-None-Match`): then S3 answers 304 without
 * the body, and this answers UNCHANGED. Undefined when the object does not exist.
 */
export async function getObjectIfChanged(at: S3Location, key: string, etag: string): Promise<StoredObject | typeof UNCHANGED | undefined> {
  return readObject(at, key, { ifNoneMatch: etag });
}

async function readObject(at: S3Location, key: string, options: { maxBytes?: number; ifNoneMatch?: string }): Promise<StoredObject | typeof UNCHANGED | undefined> {
  try {
    const response = await at.client.send(
      new GetObjectCommand({
        Bucket: at.bucket,
        Key: at.prefix + key,
        ...(options.ifNoneMatch !== undefined && { IfNoneMatch: `"${options.ifNoneMatch}"` }),
      }),
    );
    const size = response.ContentLength;
    if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
      // Closing the stream drops the connection instead of draining gigabytes into nowhere.
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new ObjectTooLargeError(key, size, options.maxBytes);
    }
    const body = options.maxBytes === undefined ? await response.Body!.transformToByteArray() : await readAtMost(response.Body as AsyncIterable<Uint8Array>, key, options.maxBytes);
    return { body, etag: unquote(response.ETag) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    if (options.ifNoneMatch !== undefined && statusOf(error) === 304) return UNCHANGED;
    throw error;
  }
}

/** Reads a body stream to its end, or throws ObjectTooLargeError (closing it) once it passes `limit` bytes. */
async function readAtMost(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, key: string, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.byteLength;
    if (length > limit) {
      body.destroy?.();
      throw new ObjectTooLargeError(key, undefined, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** The first bytes of an object, with the ETag and size of the whole. */
export interface ObjectStart {
  start: Uint8Array;
  etag: string;
  size: number;
}

/**
 * Reads the first `length` bytes of an object (one ranged GET, `Range: bytes=0-…`), with its ETag
 * and full size: what a HEAD gives, plus enough to tell what the object is. Undefined when it does
 * not exist. An endpoint that ignores the range is read no further than `length` either.
 */
export async function readObjectStart(at: S3Location, key: string, length: number): Promise<ObjectStart | undefined> {
  try {
    const response = await at.client.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.prefix + key, Range: `bytes=0-${length - 1}` }));
    // `bytes 0-255/1234567`: the whole object's size follows the slash; without a range, Content-Length is it.
    const total = /\/(\d+)$/.exec(response.ContentRange ?? '')?.[1];
    const size = total !== undefined ? Number(total) : (response.ContentLength ?? 0);
    // Read no more than the response says it holds: an empty one is not waited on (s3rver leaves it open).
    const start = await readStart(response.Body as AsyncIterable<Uint8Array> & { destroy?: () => void }, Math.min(length, size, response.ContentLength ?? length));
    return { start, etag: unquote(response.ETag), size };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    // 416: the range starts past the end, so the object is empty (S3 answers so for a 0-byte object).
    if (statusOf(error) === 416) {
      const found = await statObject(at, key);
      return found && { start: new Uint8Array(0), ...found };
    }
    throw error;
  }
}

/** The first `length` bytes of a body stream, which is closed then, read or not. */
async function readStart(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, length: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let read = 0;
  if (length > 0) for await (const chunk of body) {
    chunks.push(chunk);
    read += chunk.byteLength;
    if (read >= length) break;
  }
  // Leaving the loop early closes the stream; destroy() also covers a body that was fully read.
  body.destroy?.();
  return Buffer.concat(chunks).subarray(0, length);
}

/** An object's ETag, or undefined when it does not exist. */
export async function headObject(at: S3Location, key: string): Promise<string | undefined> {
  return (await statObject(at, key))?.etag;
}

/** An object's ETag and size in bytes (one HEAD, no body), or undefined when it does not exist. */
export async function statObject(at: S3Location, key: string): Promise<{ etag: string; size: number } | undefined> {
  try {
    const response = await at.client.send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.prefix + key }));
    return { etag: unquote(response.ETag), size: response.ContentLength ?? 0 };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** One version of an object to copy: CopyObject refuses it once the object has another ETag. */
export interface CopySource {
  at: S3Location;
  key: string;
  etag: string;
}

/**
 * Copies an object inside S3 (the bytes never reach this process), with new headers (without
 * `options`, the source's). Throws PreconditionFailedError when the source no longer has
 * `source.etag`; undefined when it is gone.
 */
export async function copyObject(source: CopySource, to: S3Location, key: string, options?: Pick<PutOptions, 'contentType' | 'cacheControl'>): Promise<string | undefined> {
  try {
    const response = await to.client.send(
      new CopyObjectCommand({
        Bucket: to.bucket,
        Key: to.prefix + key,
        // `bucket/key`, the key URL-encoded per segment as S3 expects (a space is %20, a slash stays).
        CopySource: `${source.at.bucket}/${(source.at.prefix + source.key).split('/').map(encodeURIComponent).join('/')}`,
        CopySourceIfMatch: `"${source.etag}"`,
        ...(options && { MetadataDirective: 'REPLACE', ContentType: options.contentType, CacheControl: options.cacheControl }),
      }),
    );
    return unquote(response.CopyObjectResult?.ETag);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    if (statusOf(error) === 412) throw new PreconditionFailedError(`${source.key}: changed since ETag ${source.etag}`, { cause: error });
    throw error;
  }
}

/** Writes an object and returns its new ETag; throws PreconditionFailedError on 412. */
export async function putObject(at: S3Location, key: string, body: string | Uint8Array, options: PutOptions): Promise<string> {
  // Encoded once here: given a string, the SDK encodes it to hash the payload for SigV4, Node again
  // to measure and to write it — a fifth of a publish's CPU went to encoding megabytes of state.
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  try {
    const response = await at.client.send(
      new PutObjectCommand({
        Bucket: at.bucket,
        Key: at.prefix + key,
        Body: bytes,
        // Explicit even for an empty body, which the SDK would otherwise send without a length.
        ContentLength: bytes.byteLength,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
        ...(options.ifMatch !== undefined && { IfMatch: `"${options.ifMatch}"` }),
        ...(options.ifNoneMatch !== undefined && { IfNoneMatch: options.ifNoneMatch }),
      }),
    );
    return unquote(response.ETag);
  } catch (error) {
    // 409 ConditionalRequestConflict: S3 saw a concurrent conditional write on the key; same remedy.
    const status = statusOf(error);
    if (status === 412 || status === 409) throw new PreconditionFailedError(`${key}: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

/** Deletes an object (no error when it is already gone). */
export async function deleteObject(at: S3Location, key: string): Promise<void> {
  await at.client.send(new DeleteObjectCommand({ Bucket: at.bucket, Key: at.prefix + key }));
}

/** Keys (relative to the location's prefix) under `prefix`, in S3's order, with ETags and sizes. */
export interface Listing {
  objects: Array<{ key: string; etag: string; size: number; modified?: number }>;
  /** True when more keys follow the ones returned. */
  more: boolean;
}

/**
 * Lists at most `limit` keys under `prefix` (one request when `limit` ≤ 1000); with `range`, only
 * those after `range.after` and up to `range.through`, starting there and stopping past it.
 */
export async function listObjects(at: S3Location, prefix: string, limit = Infinity, range?: { after: string; through: string }): Promise<Listing> {
  const objects: Listing['objects'] = [];
  let token: string | undefined;
  do {
    const response = await at.client.send(
      new ListObjectsV2Command({
        Bucket: at.bucket,
        Prefix: at.prefix + prefix,
        MaxKeys: Math.min(1000, limit - objects.length),
        ...(token ? { ContinuationToken: token } : range && { StartAfter: at.prefix + range.after }),
      }),
    );
    for (const object of response.Contents ?? []) {
      const key = object.Key!.slice(at.prefix.length);
      if (range && key > range.through) return { objects, more: true };
      objects.push({ key, etag: unquote(object.ETag), size: object.Size ?? 0, modified: object.LastModified?.getTime() });
    }
    token = response.IsTruncated ? response.NextContinuationToken : undefined;
  } while (token && objects.length < limit);
  return { objects, more: token !== undefined };
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}
