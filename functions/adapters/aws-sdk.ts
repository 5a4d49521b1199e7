/**
 * The AWS SDK clients the publisher uses, loaded with `require`, never `import` (issue #9).
 *
 * The SDK is CommonJS (the nodejs22.x runtime provides it; the bundle leaves `@aws-sdk/*` external).
 * `import` of a CommonJS file from the ESM bundle makes Node first compile the file to see whether
 * it holds ESM syntax (the SDK's package.json declares no `type`), then scan it for export names,
 * then compile it again to run it. For @aws-sdk/client-s3 that was ~30 ms of every cold import, for
 * the CloudFront client ~60 ms of CPU on the first invalidation; `require` runs the file once.
 * The objects are the same either way: Node keeps one CommonJS instance per file for both.
 *
 * Keep every runtime use of the SDK in the Lambda going through here (test/asset checks that the
 * bundle imports no `@aws-sdk/*`); `import type` from the packages is free and fine.
 */
import { createRequire } from 'node:module';
import type * as CloudFront from '@aws-sdk/client-cloudfront';
import type * as S3 from '@aws-sdk/client-s3';

// Not named `require`: the bundle's banner already declares that at the top level.
const requireSdk = createRequire(import.meta.url);

/** @aws-sdk/client-s3: every invocation reads and writes S3, so it loads with the module. */
export const { S3Client, GetObjectCommand, HeadObjectCommand, PutObjectCommand, CopyObjectCommand, DeleteObjectCommand, ListObjectsV2Command } =
  requireSdk('@aws-sdk/client-s3') as typeof S3;

/** @aws-sdk/client-cloudfront, loaded on first call (Node caches it). */
export function cloudFrontSdk(): typeof CloudFront {
  return requireSdk('@aws-sdk/client-cloudfront') as typeof CloudFront;
}
