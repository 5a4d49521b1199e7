/**
 * A complete local publishing set-up for pipeline tests: s3rver behind the conditional proxy, a
 * recording CloudFront endpoint, the real handler, and helpers to put stories and read the site.
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { localAwsEnv, localS3Client, startLocalS3, type LocalS3 } from '../support/local-s3.js';
import { startConditionalProxy, type ConditionalProxy } from '../support/conditional-proxy.js';
import { startCloudFrontRecorder, type CloudFrontRecorder } from '../support/cloudfront-recorder.js';
import { sqsEvent } from '../support/sqs-event.js';

type Handler = typeof import('../../functions/handlers/publish.js').handler;
type RebuildStepHandler = typeof import('../../functions/handlers/rebuild-step.js').handler;

/** The running parts; one per test file (the handler's clients are created once per module). */
export interface Harness {
  s3: LocalS3;
  proxy: ConditionalProxy;
  cloudfront: CloudFrontRecorder;
  /** Talks to s3rver directly: set-up and assertions are not counted by the proxy. */
  client: S3Client;
  handler: Handler;
  /** The rebuilder's entry point: the steps of the rebuild state machine. */
  rebuildStep: RebuildStepHandler;
  stop(): Promise<void>;
}

/** Starts everything and imports the handler with the environment pointing at it. */
export async function startHarness(): Promise<Harness> {
  const s3 = await startLocalS3();
  const proxy = await startConditionalProxy(s3.endpoint);
  const cloudfront = await startCloudFrontRecorder();
  Object.assign(process.env, localAwsEnv(proxy.endpoint), {
    AWS_ENDPOINT_URL_CLOUDFRONT: cloudfront.endpoint,
    // Logger writes through the global console (tests read it); metrics are not printed.
    POWERTOOLS_DEV: 'true',
    AWS_MAX_ATTEMPTS: '3',
  });
  const { handler } = await import('../../functions/handlers/publish.js');
  const { handler: rebuildStep } = await import('../../functions/handlers/rebuild-step.js');
  const client = localS3Client(s3.endpoint);
  return {
    s3,
    proxy,
    cloudfront,
    client,
    handler,
    rebuildStep,
    async stop() {
      client.destroy();
      await cloudfront.stop();
      await proxy.stop();
      await s3.stop();
    },
  };
}

/**
 * The harness of a test file: started before its first test and stopped after its last (call it at
 * the top level of the file). Faults injected into the proxy or the CloudFront recorder end with the
 * test that injected them. The object is filled in when the harness has started, so it is used only
 * inside hooks and tests.
 */
export function useHarness(): Harness {
  const harness = {} as Harness;
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness();
    Object.assign(harness, started);
  });
  afterEach(() => {
    started?.proxy.clearFaults();
    started?.cloudfront.failNext(0);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return harness;
}

/** One site: its buckets and settings, installed into the environment before each invocation. */
export class Site {
  constructor(
    readonly harness: Harness,
    readonly name: string,
    readonly settings: Record<string, string> = {},
  ) {}

  get contentBucket(): string {
    return `${this.name}-content`;
  }

  get siteBucket(): string {
    return `${this.name}-site`;
  }

  async create(): Promise<this> {
    await this.harness.s3.createBuckets(this.contentBucket, this.siteBucket);
    return this;
  }

  private useEnv(): void {
    for (const name of ['CONTENT_PREFIX', 'SITE_PREFIX', 'DISTRIBUTION_ID', 'ITEM_LIMIT', 'SITE_TITLE']) delete process.env[name];
    Object.assign(process.env, { CONTENT_BUCKET: this.contentBucket, SITE_BUCKET: this.siteBucket, SITE_URL: 'https://feeds.example.com' }, this.settings);
  }

  private get contentPrefix(): string {
    return this.settings.CONTENT_PREFIX ?? '';
  }

  private get sitePrefix(): string {
    return this.settings.SITE_PREFIX ?? '';
  }

  async putStory(name: string, document: unknown): Promise<string> {
    const key = `${this.contentPrefix}stories/${name}.json`;
    await this.harness.client.send(new PutObjectCommand({ Bucket: this.contentBucket, Key: key, Body: typeof document === 'string' ? document : JSON.stringify(document) }));
    return key;
  }

  async deleteStory(name: string): Promise<string> {
    const key = `${this.contentPrefix}stories/${name}.json`;
    await this.harness.client.send(new DeleteObjectCommand({ Bucket: this.contentBucket, Key: key }));
    return key;
  }

  async putPhoto(path: string, bytes: Uint8Array): Promise<void> {
    await this.harness.client.send(new PutObjectCommand({ Bucket: this.contentBucket, Key: this.contentPrefix + path, Body: bytes }));
  }

  /** Writes a file into the site bucket directly, as something other than wirefeed would. */
  async putSiteFile(path: string, body: string): Promise<void> {
    await this.harness.client.send(new PutObjectCommand({ Bucket: this.siteBucket, Key: this.sitePrefix + path, Body: body }));
  }

  /** Invokes the handler with one SQS record per key, keys encoded as S3 notifications encode them. */
  async publish(...keys: string[]): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
    return this.publishAt(new Date(), ...keys);
  }

  /** As `publish`, with notifications S3 stamped at `eventTime` (a change that waited in the queue). */
  async publishAt(eventTime: Date, ...keys: string[]): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
    this.useEnv();
    return (await this.harness.handler(sqsEvent(this.contentBucket, keys, eventTime))) as { batchItemFailures: Array<{ itemIdentifier: string }> };
  }

  /** The scheduled release on the publisher, or a one-invocation rebuild on the rebuilder. */
  async command(wirefeed: 'rebuild' | 'release'): Promise<Record<string, unknown>> {
    this.useEnv();
    if (wirefeed === 'rebuild') return this.harness.rebuildStep({ wirefeed });
    return (await this.harness.handler({ wirefeed })) as Record<string, unknown>;
  }

  /** Invokes the rebuilder with one step of the rebuild state machine. */
  async step(event: Parameters<RebuildStepHandler>[0]): Promise<Record<string, unknown>> {
    this.useEnv();
    return this.harness.rebuildStep(event);
  }

  /** A site file's text, or undefined when absent. */
  async read(path: string): Promise<string | undefined> {
    const object = await this.getObject(path);
    return object?.body;
  }

  async getObject(path: string): Promise<{ body: string; contentType?: string; cacheControl?: string } | undefined> {
    try {
      const response = await this.harness.client.send(new GetObjectCommand({ Bucket: this.siteBucket, Key: this.sitePrefix + path }));
      return { body: await response.Body!.transformToString(), ...(response.ContentType && { contentType: response.ContentType }), ...(response.CacheControl && { cacheControl: response.CacheControl }) };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** Site paths (prefix stripped) under `prefix`. */
  async list(prefix = ''): Promise<string[]> {
    return (await this.listBucket(this.siteBucket, this.sitePrefix + prefix)).map((key) => key.slice(this.sitePrefix.length));
  }

  /** Content bucket keys under `prefix` (the content prefix included), as an S3 listing gives them. */
  async listContent(prefix = ''): Promise<string[]> {
    return this.listBucket(this.contentBucket, this.contentPrefix + prefix);
  }

  private async listBucket(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const response = await this.harness.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token && { ContinuationToken: token }) }));
      for (const object of response.Contents ?? []) keys.push(object.Key!);
      token = response.IsTruncated ? response.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  /** Ids of the items of a JSON Feed, in order. */
  async feedIds(folder = ''): Promise<string[]> {
    const text = await this.read(`${folder ? `${folder}/` : ''}feed.json`);
    return text ? (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id) : [];
  }
}

/** Options of a generated story. */
export interface StoryOptions {
  version?: number;
  headline?: string;
  subjects?: string[];
  photo?: string;
  pubStatus?: 'usable' | 'withheld' | 'canceled';
  embargoed?: string;
  /** Minutes after 2024-01-01T00:00Z of first publication. */
  minute?: number;
}

/**
 * Bytes standing in for a photo: the publisher copies and hashes photos and reads their first bytes
 * to know their type, but never decodes them, so a JPEG's opening marker before the text is enough.
 */
export function photoBytes(seed: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`not really a jpeg: ${seed}`)]);
}

/** A valid ninjs 3.1 story numbered `n`. */
export function story(n: number, options: StoryOptions = {}): Record<string, unknown> {
  const published = new Date(Date.UTC(2024, 0, 1) + (options.minute ?? n) * 60_000).toISOString();
  const version = options.version ?? 1;
  return {
    uri: `urn:wirefeed:test:story-${n}`,
    type: 'text',
    version: String(version),
    firstCreated: published,
    versionCreated: new Date(Date.parse(published) + (version - 1) * 60_000).toISOString(),
    pubStatus: options.pubStatus ?? 'usable',
    ...(options.embargoed && { embargoedUntil: options.embargoed }),
    language: 'en',
    headlines: [{ role: 'main', value: options.headline ?? `Story ${n}` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>Body of story ${n}, version ${version}.</p>` }],
    subjects: (options.subjects ?? []).map((name) => ({ name })),
    ...(options.photo && {
      associations: [{ name: 'photo1', uri: `urn:wirefeed:test:story-${n}:photo1`, type: 'picture', headlines: [{ role: 'main', value: `Photo of ${n}` }], renditions: [{ name: 'main', href: options.photo, contentType: 'image/jpeg', width: 800, height: 600 }] }],
    }),
  };
}

/** Captures the handler's structured ERROR log lines (in POWERTOOLS_DEV mode the logger prints them through console.error) while `run` runs. */
export async function errorLogs<T>(run: () => Promise<T>): Promise<{ result: T; logs: Array<Record<string, unknown>> }> {
  return capturedLogs('error', run);
}

/** Captures the handler's structured WARN log lines (through console.warn) while `run` runs. */
export async function warnLogs<T>(run: () => Promise<T>): Promise<{ result: T; logs: Array<Record<string, unknown>> }> {
  return capturedLogs('warn', run);
}

async function capturedLogs<T>(level: 'error' | 'warn', run: () => Promise<T>): Promise<{ result: T; logs: Array<Record<string, unknown>> }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { result: await run(), logs: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    spy.mockRestore();
  }
}
