import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCloudFrontFunction, viewerRequest, type FakeKeyValueStore } from '../test/support/cloudfront-function-runtime.js';
import { KVS_ID_PLACEHOLDER, PartnerAccess } from './partner-access.js';
import { logicalId, synthFeedStack, type SynthesizedStack } from './test-stack.js';

describe('partner access', () => {
  let synth: SynthesizedStack;
  let access: PartnerAccess;
  beforeAll(() => {
    synth = synthFeedStack();
    access = synth.stack.node.findChild('PartnerAccess') as PartnerAccess;
  });
  afterAll(() => synth.dispose());

  const distributionConfig = () => {
    const [distribution] = Object.values(synth.template.findResources('AWS::CloudFront::Distribution'));
    return distribution?.Properties.DistributionConfig;
  };
  const partnerBehavior = () => distributionConfig().CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === 'partners/*');

  it('creates one key value store and a cloudfront-js-2.0 function associated with it', () => {
    synth.template.resourceCountIs('AWS::CloudFront::KeyValueStore', 1);
    synth.template.hasResourceProperties('AWS::CloudFront::Function', {
      AutoPublish: true,
      FunctionConfig: {
        Runtime: 'cloudfront-js-2.0',
        KeyValueStoreAssociations: [{ KeyValueStoreARN: { 'Fn::GetAtt': [logicalId(access.keyValueStore), 'Arn'] } }],
      },
    });
  });

  it('deploys partner-auth.js with the store id in place of the placeholder, and that code works', async () => {
    // Given the synthesized code with the store id token resolved to a known id
    const code = synth.template.findResources('AWS::CloudFront::Function')[logicalId(access.function)]?.Properties.FunctionCode;
    const [separator, parts] = code['Fn::Join'] as [string, unknown[]];
    const idToken = { 'Fn::GetAtt': [logicalId(access.keyValueStore), 'Id'] };
    expect(parts).toContainEqual(idToken);
    const source = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part) === JSON.stringify(idToken) ? 'kvs-from-stack' : '?')).join(separator);
    expect(source).not.toContain(KVS_ID_PLACEHOLDER);
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-edge-'));
    try {
      writeFileSync(join(dir, 'deployed.js'), source);
      const store: FakeKeyValueStore = { values: new Map(), reads: [] };
      const fn = loadCloudFrontFunction(join(dir, 'deployed.js'), store);
      // When it runs, Then it fits the 10 KB limit, challenges a keyless request and reads this store
      expect(fn.size).toBeLessThanOrEqual(10 * 1024);
      const noKey = await fn.handler(viewerRequest('/partners/acme/rss.xml'));
      expect('statusCode' in noKey && noKey.statusCode).toBe(401);
      const wrongKey = await fn.handler(viewerRequest('/partners/acme/rss.xml', { query: { key: 'x' } }));
      expect('statusCode' in wrongKey && wrongKey.statusCode).toBe(403);
      expect(store.reads).toEqual(['kvs-from-stack']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds a partners/* behaviour with the function on viewer-request, on the site origin', () => {
    const config = distributionConfig();
    const behavior = partnerBehavior();
    expect(behavior).toMatchObject({
      TargetOriginId: config.DefaultCacheBehavior.TargetOriginId,
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId(access.function), 'FunctionARN'] } }],
      AllowedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'https-only',
    });
    expect(config.Origins).toHaveLength(1);
  });

  it('caches partner feeds without the key: no query string, header or cookie in the cache key', () => {
    const cachePolicyId = partnerBehavior().CachePolicyId.Ref as string;
    const policy = synth.template.findResources('AWS::CloudFront::CachePolicy')[cachePolicyId]?.Properties.CachePolicyConfig;
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'none' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    // No origin request policy either: nothing beyond the cache key reaches S3.
    expect(partnerBehavior().OriginRequestPolicyId).toBeUndefined();
  });

  it('outputs the key value store ARN for wirefeed partner-key', () => {
    synth.template.hasOutput('PartnerKeyValueStoreArn', { Value: { 'Fn::GetAtt': [logicalId(access.keyValueStore), 'Arn'] } });
  });
});
