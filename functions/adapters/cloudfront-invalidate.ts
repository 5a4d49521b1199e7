import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createHash } from 'node:crypto';
import { cloudFrontSdk } from './aws-sdk.js';
import type { Cdn } from '../core/ports/change-notices.js';

/**
 * The CloudFront SDK is loaded on first use: most publishes change a feed, but a cold start should
 * not pay ~20 ms of module loading before it knows (and sites without a distribution never do).
 * Loaded with `require` (see ./aws-sdk.ts).
 */
let client: Promise<{ client: CloudFrontClient; sdk: ReturnType<typeof cloudFrontSdk> }> | undefined;
function cloudfront() {
  // Created once per container; endpoint, region and retries come from the SDK's standard config.
  client ??= Promise.resolve().then(() => {
    const sdk = cloudFrontSdk();
    return { client: new sdk.CloudFrontClient({}), sdk };
  });
  return client;
}

/** CloudFront accepts at most this many paths in one invalidation. */
const MAX_INVALIDATION_PATHS = 3000;

/**
 * Asks CloudFront to drop exactly these URL paths (already encoded, leading `/`). Never `/*`: a
 * wildcard also evicts every photo and page that did not change. More paths than one invalidation
 * takes (only in a full rebuild) are sent in several.
 */
async function invalidatePaths(distributionId: string, paths: string[], reference: string): Promise<string[]> {
  const { client, sdk } = await cloudfront();
  const ids: string[] = [];
  for (let start = 0; start < paths.length; start += MAX_INVALIDATION_PATHS) {
    const items = paths.slice(start, start + MAX_INVALIDATION_PATHS);
    // The caller reference makes a retried request idempotent: same paths, same invocation, same reference.
    const callerReference = createHash('sha256').update(`${reference}\n${items.join('\n')}`).digest('hex').slice(0, 40);
    const response = await client.send(
      new sdk.CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: items.length, Items: items } },
      }),
    );
    if (response.Invalidation?.Id) ids.push(response.Invalidation.Id);
  }
  return ids;
}

/** The CDN port on one CloudFront distribution. */
export function cloudFrontCdn(distributionId: string): Cdn {
  return { invalidate: (paths, reference) => invalidatePaths(distributionId, paths, reference) };
}
