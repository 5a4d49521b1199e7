/**
 * The deployed artifact itself: `npx cdk synth` (the operator's command, through cdk.json) builds
 * the publisher's and the rebuilder's bundles offline; this test measures both, checks what they
 * import, then imports the publisher's very file and publishes a story with it against a local S3
 * server.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths.js';
// @ts-expect-error plain ESM helper without types
import { bundleLambda, rebuilderOf } from '../../bench/lambda-bundle.mjs';
import { startCloudFrontRecorder, type CloudFrontRecorder } from '../support/cloudfront-recorder.js';
import { localS3Client, startLocalS3, type LocalS3 } from '../support/local-s3.js';

/** The target for each minified bundle: 250 KB, read as 250,000 bytes (docs/performance.md §6). */
const SIZE_TARGET = 250_000;
const STORY = 'stories/costa-concordia-photo.json';
const PHOTOS = ['media/costa-concordia-photo/main-429.jpg', 'media/costa-concordia-photo/small-179.jpg'];

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }>;
}

/**
 * Module specifiers the bundle really loads (static imports, dynamic imports, require calls), as
 * esbuild's parser sees them; a regex would also match `require("…")` inside strings (ajv's code
 * generator has several).
 */
async function importedSpecifiers(file: string): Promise<{ path: string; kind: string }[]> {
  const result = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const input = Object.entries(result.metafile.inputs).find(([path]) => file.endsWith(path))?.[1];
  if (!input) throw new Error(`esbuild did not read ${file}`);
  return input.imports.map(({ path, kind }) => ({ path, kind }));
}

describe('publisher asset from `npx cdk synth`', () => {
  let outdir: string;
  let bundle: string;
  let rebuilderBundle: string;

  beforeAll(async () => {
    // Inside the repo (git-ignored test-output/) so the bundle's external @aws-sdk/* imports
    // resolve from the repo's node_modules, as they resolve from the runtime's SDK in Lambda.
    mkdirSync(join(REPO_ROOT, 'test-output'), { recursive: true });
    outdir = mkdtempSync(join(REPO_ROOT, 'test-output', 'cdk-'));
    await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: REPO_ROOT,
      // Offline and quiet: no version check, no telemetry (cdk.json also says "cli-telemetry": false).
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const template = JSON.parse(readFileSync(join(outdir, 'Wirefeed.template.json'), 'utf8')) as Template;
    bundle = bundleOf(template, outdir, 'Wirefeed/Publisher/Function/Resource');
    rebuilderBundle = bundleOf(template, outdir, 'Wirefeed/Publisher/Rebuilder/Resource');
  });

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it.each(['publisher', 'rebuilder'] as const)(`keeps the %s bundle within its ${SIZE_TARGET} bytes minified`, (name) => {
    const bytes = statSync(name === 'publisher' ? bundle : rebuilderBundle).size;
    console.log(`${name} bundle index.mjs: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
    expect(bytes).toBeLessThanOrEqual(SIZE_TARGET);
  });

  it('bundles the same bytes as the bench, which builds with the same esbuild options (infra/lambda-esbuild.mjs)', async () => {
    const bench = (await bundleLambda({ root: REPO_ROOT, label: 'asset-test' })) as { file: string; remove(): void };
    try {
      expect(readFileSync(bench.file).equals(readFileSync(bundle)), 'publisher').toBe(true);
      expect(readFileSync(rebuilderOf(bench.file) as string).equals(readFileSync(rebuilderBundle)), 'rebuilder').toBe(true);
    } finally {
      bench.remove();
    }
  });

  it('ships a source map with mappings only, which `--enable-source-maps` parses at each cold start', () => {
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { mappings?: string; sourcesContent?: unknown };
    expect(map.mappings?.length).toBeGreaterThan(0);
    expect(map.sourcesContent).toBeUndefined();
  });

  it.each(['publisher', 'rebuilder'] as const)('imports only Node built-ins and the runtime-provided AWS SDK into the %s bundle', async (name) => {
    const imports = await importedSpecifiers(name === 'publisher' ? bundle : rebuilderBundle);
    const specifiers = [...new Set(imports.map((entry) => entry.path))].sort();
    console.log(`${name} bundle imports: ${specifiers.join(', ')}`);
    const builtins = new Set(builtinModules);
    const foreign = specifiers.filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier) && !specifier.startsWith('@aws-sdk/'));
    expect(foreign).toEqual([]);
    const devDependencies = Object.keys(packageJson.devDependencies);
    expect(specifiers.filter((specifier) => devDependencies.some((name) => specifier === name || specifier.startsWith(`${name}/`)))).toEqual([]);
    // The banner that lets bundled CommonJS call require() is really there.
    expect(specifiers).toContain('node:module');
    // The SDK is loaded with require() (functions/adapters/aws-sdk.ts): an `import` of it costs the
    // cold start a detection compile and an export scan of each client (issue #9).
    expect(specifiers.filter((specifier) => specifier.startsWith('@aws-sdk/'))).toEqual([]);
  });

  describe('running the bundled handler', () => {
    let s3: LocalS3;
    let cloudfront: CloudFrontRecorder;
    let client: S3Client;

    beforeAll(async () => {
      s3 = await startLocalS3({ buckets: ['content', 'site'] });
      cloudfront = await startCloudFrontRecorder();
      client = localS3Client(s3.endpoint);
      Object.assign(process.env, s3.env(), {
        AWS_ENDPOINT_URL_CLOUDFRONT: cloudfront.endpoint,
        CONTENT_BUCKET: 'content',
        SITE_BUCKET: 'site',
        SITE_URL: 'https://feeds.example.com',
        DISTRIBUTION_ID: 'E2ASSETTEST',
        POWERTOOLS_SERVICE_NAME: 'wirefeed-publish',
      });
    });

    afterAll(async () => {
      client?.destroy();
      await cloudfront?.stop();
      await s3?.stop();
    });

    it('publishes a story with its photo from an SQS-wrapped S3 event', async () => {
      // Given a story and its photos in the content bucket
      for (const key of [STORY, ...PHOTOS]) {
        await client.send(new PutObjectCommand({ Bucket: 'content', Key: key, Body: readFileSync(join(REPO_ROOT, 'content', key)) }));
      }
      const story = JSON.parse(readFileSync(join(REPO_ROOT, 'content', STORY), 'utf8')) as { uri: string };
      // And the handler loaded from the synthesized asset itself (its @aws-sdk/* imports resolve from
      // the repo's node_modules here; in Lambda, from the nodejs22.x runtime's SDK)
      const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: (event: unknown) => Promise<unknown> };

      // When S3 → SQS delivers the notification
      const response = (await handler(sqsEvent('content', STORY))) as SQSBatchResponse;

      // Then no record failed
      expect(response.batchItemFailures).toEqual([]);
      // And rss.xml in the site bucket carries the story with its photo, as a feed reader sees it
      const rss = await client.send(new GetObjectCommand({ Bucket: 'site', Key: 'rss.xml' }));
      expect(rss.ContentType).toMatch(/^application\/rss\+xml/);
      const feed = parseRssFeed(await rss.Body!.transformToString());
      const item = feed.items?.find((entry) => entry.guid?.value === story.uri);
      expect(item, `no item with guid ${story.uri}`).toBeDefined();
      expect(item?.link).toMatch(/^https:\/\/feeds\.example\.com\/stories\/.+\.html$/);
      expect(item?.enclosures?.[0]?.url).toMatch(/^https:\/\/feeds\.example\.com\/media\/[0-9a-f]{16}\/main-429\.jpg$/);
      // And the photo itself was published where the enclosure points
      const photoKey = new URL(item!.enclosures![0]!.url!).pathname.slice(1);
      const photo = await client.send(new GetObjectCommand({ Bucket: 'site', Key: photoKey }));
      expect(Buffer.from(await photo.Body!.transformToByteArray())).toEqual(readFileSync(join(REPO_ROOT, 'content', PHOTOS[0]!)));
      // And the bundled CloudFront client asked to invalidate the feed
      expect(cloudfront.invalidations.map((invalidation) => invalidation.distributionId)).toEqual(['E2ASSETTEST']);
      expect(cloudfront.invalidations[0]?.paths).toContain('/rss.xml');
    });
  });
});

/** The bundle of the one function at `cdkPath` in the synthesized template. */
function bundleOf(template: Template, outdir: string, cdkPath: string): string {
  const functions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.['aws:cdk:path'] === cdkPath);
  expect(functions).toHaveLength(1);
  const assetPath = functions[0]?.Metadata?.['aws:asset:path'];
  expect(assetPath).toMatch(/^asset\.[0-9a-f]{64}$/);
  return join(outdir, assetPath!, 'index.mjs');
}

/** The event Lambda receives from SQS for one S3 ObjectCreated notification. */
function sqsEvent(bucket: string, key: string): SQSEvent {
  const notification = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2026-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
      },
    ],
  };
  return {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
        body: JSON.stringify(notification),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225600000', SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1767225600001' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:story-changes',
        awsRegion: 'us-east-1',
      },
    ],
  };
}
