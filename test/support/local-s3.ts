/**
 * Starts s3rver 3.7.1 on 127.0.0.1 for tests: a random free port, a throw-away directory.
 *
 * Why 127.0.0.1 and not localhost: with an IP endpoint the SDK uses path-style addressing by
 * itself (see /work/shared/local-aws.md), so no client option differs from production.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/** A running local S3 server. */
export interface LocalS3 {
  /** `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL_S3` or the client's `endpoint`. */
  endpoint: string;
  port: number;
  /** Directory s3rver stores buckets in. */
  directory: string;
  /** Creates each bucket (idempotent). */
  createBuckets(...names: string[]): Promise<void>;
  /** Environment a process needs to reach this server with the real SDK and fake credentials. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** Environment for the SDK against a local endpoint: fake credentials, checksums only when required. */
export function localAwsEnv(s3Endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // Streamed uploads with default checksums are stored with their chunk framing by s3rver 3.7.1.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}

/** An S3 client for a local endpoint with fake credentials (for test set-up and assertions). */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3
 * (Node ≥ 17) refuses: every truncated listing (MaxKeys below the key count) answers 500.
 * DES-EDE with both keys equal is the same cipher and is still available, so the token stays
 * valid; the patch touches only the 'des' algorithm name, in the test process.
 */
function patchDesForOpenSsl3(): void {
  const crypto = require('node:crypto') as typeof import('node:crypto') & { __wirefeedDes?: boolean };
  if (crypto.__wirefeedDes) return;
  const createCipheriv = crypto.createCipheriv;
  const createDecipheriv = crypto.createDecipheriv;
  const swap = (algorithm: string, key: unknown): [string, Buffer] | undefined =>
    algorithm === 'des' && Buffer.isBuffer(key) && key.length === 8 ? ['des-ede-cbc', Buffer.concat([key, key])] : undefined;
  Object.assign(crypto, {
    __wirefeedDes: true,
    createCipheriv: (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) => {
      const swapped = swap(algorithm, key);
      return swapped ? createCipheriv(swapped[0], swapped[1], iv) : (createCipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, options);
    },
    createDecipheriv: (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) => {
      const swapped = swap(algorithm, key);
      return swapped ? createDecipheriv(swapped[0], swapped[1], iv) : (createDecipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, options);
    },
  });
}

/** Starts s3rver on 127.0.0.1 with a random free port and a temp dir; `stop()` removes both. */
export async function startLocalS3(options: { buckets?: string[] } = {}): Promise<LocalS3> {
  patchDesForOpenSsl3();
  const S3rver = require('s3rver') as S3rverConstructor;
  const directory = await mkdtemp(join(tmpdir(), 'wirefeed-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    resetOnClose: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    directory,
    async createBuckets(...names) {
      const client = localS3Client(endpoint);
      try {
        for (const name of names) {
          try {
            await client.send(new CreateBucketCommand({ Bucket: name }));
          } catch (error) {
            const code = (error as { name?: string }).name;
            if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
          }
        }
      } finally {
        client.destroy();
      }
    },
    env: () => localAwsEnv(endpoint),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
