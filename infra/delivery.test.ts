import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCloudFrontFunction, viewerRequest, type CfRequest, type CfResponse } from '../test/support/cloudfront-function-runtime.js';
import { CONTENT_SECURITY_POLICY } from './delivery.js';
import { FEED_VIEW_FUNCTION, VIEWER_REQUEST_FUNCTION } from './paths.js';
import { edgeFunctionCode, FEED_FORMAT_SUBSTITUTIONS } from './edge-code.js';
import { STATE_PREFIX } from './storage.js';
import { logicalId, objectArnOf, synthFeedStack, type SynthesizedStack } from './test-stack.js';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('CloudFront distribution', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack();
  });
  afterAll(() => synth.dispose());

  const distributionConfig = () => {
    const distributions = Object.values(synth.template.findResources('AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    return distributions[0]?.Properties.DistributionConfig;
  };

  it('reads the site bucket through Origin Access Control, never an OAI', () => {
    const { template, stack } = synth;
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const [origin, ...others] = distributionConfig().Origins;
    expect(others).toEqual([]);
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalId(stack.storage.site), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    // And only this distribution may read, and only GetObject
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.storage.site) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: objectArnOf(stack.storage.site, '*'),
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          },
        ]),
      },
    });
  });

  it('redirects HTTP to HTTPS (partner feeds refuse it), compresses, serves index.html at the root', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior.ViewerProtocolPolicy).toBe(behavior.PathPattern === 'partners/*' ? 'https-only' : 'redirect-to-https');
      expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
  });

  it("caches by the objects' own Cache-Control, with gzip and brotli variants", () => {
    const { template } = synth;
    const policyId = distributionConfig().DefaultCacheBehavior.CachePolicyId;
    const policies = template.findResources('AWS::CloudFront::CachePolicy');
    const policy = policies[policyId.Ref]?.Properties.CachePolicyConfig;
    expect(policy).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 60,
      MaxTTL: 365 * 24 * 3600,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
      },
    });
  });

  it('adds CORS for GET and strict security headers to every response', () => {
    const { template } = synth;
    const config = distributionConfig();
    const headersId = config.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
    const headers = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[headersId]?.Properties.ResponseHeadersPolicyConfig;
    expect(headers.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlAllowCredentials: false,
    });
    expect(headers.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    // The state behaviour carries the same headers
    for (const behavior of config.CacheBehaviors) expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
  });

  it("never serves the publisher's state: a 404 function at the edge and a Deny in the bucket policy", () => {
    const { template, stack } = synth;
    const state = distributionConfig().CacheBehaviors.find((behavior: { PathPattern: string }) => behavior.PathPattern === `/${STATE_PREFIX}*`);
    expect(state).toMatchObject({
      PathPattern: `/${STATE_PREFIX}*`,
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } }],
    });
    const functionId = state.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0];
    const code = template.findResources('AWS::CloudFront::Function')[functionId]?.Properties.FunctionCode;
    // The function's own code answers 404 whatever the request: run it.
    const handler = new Function(`${code}; return handler;`)() as (event: unknown) => { statusCode: number };
    expect(handler({ request: { uri: `/${STATE_PREFIX}index.json` } }).statusCode).toBe(404);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.storage.site) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: objectArnOf(stack.storage.site, `${STATE_PREFIX}*`),
          }),
        ]),
      },
    });
  });

  /** The CloudFront Function the default behaviour runs on `eventType`. */
  const defaultFunction = (eventType: string) => {
    const associations = distributionConfig().DefaultCacheBehavior.FunctionAssociations as Array<{ EventType: string; FunctionARN: { 'Fn::GetAtt': [string] } }>;
    const matching = associations.filter((association) => association.EventType === eventType);
    expect(matching).toHaveLength(1);
    return synth.template.findResources('AWS::CloudFront::Function')[matching[0]!.FunctionARN['Fn::GetAtt'][0]]?.Properties;
  };

  it('marks feed responses Vary: Accept with the feed-view function on every default response', () => {
    expect(distributionConfig().DefaultCacheBehavior.FunctionAssociations).toHaveLength(2);
    const fn = defaultFunction('viewer-response');
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(edgeFunctionCode(FEED_VIEW_FUNCTION, FEED_FORMAT_SUBSTITUTIONS));
  });

  it('answers a browser asking for a feed with its HTML page and a reader with the feed, as synthesized', async () => {
    // Given: the default behaviour's two functions, run from the template's own code.
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cf-code-'));
    const load = (eventType: string) => {
      const file = join(dir, `${eventType}.js`);
      writeFileSync(file, defaultFunction(eventType).FunctionCode);
      return loadCloudFrontFunction(file, { values: new Map(), reads: [] });
    };
    const onRequest = load('viewer-request');
    const onResponse = load('viewer-response');
    const chromium = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
    const reader = 'application/rss+xml, application/atom+xml;q=0.9, */*;q=0.1';
    for (const feed of ['/rss.xml', '/atom.xml', '/feed.json', '/sections/politics/rss.xml']) {
      // When / Then: the browser's request is rewritten (the cache key is the new URI), the reader's is not.
      const page = (await onRequest.handler(viewerRequest(feed, { headers: { accept: chromium } }))) as CfRequest;
      expect(page.uri).toBe(feed.replace(/[^/]+$/, 'feed.html'));
      expect(((await onRequest.handler(viewerRequest(feed, { headers: { accept: reader } }))) as CfRequest).uri).toBe(feed);
      expect(((await onRequest.handler(viewerRequest(feed))) as CfRequest).uri).toBe(feed);
      // And either answer is marked as depending on Accept.
      const response = { statusCode: 200, headers: { 'content-type': { value: 'text/html; charset=utf-8' } } };
      const answered = (await onResponse.handler({ request: page, response } as never)) as CfResponse;
      expect(answered.headers?.vary?.value).toBe('Accept');
    }
  });

  it('stops encoded paths into partners/ and the state prefix at the default behaviour', () => {
    const fn = defaultFunction('viewer-request');
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(edgeFunctionCode(VIEWER_REQUEST_FUNCTION, FEED_FORMAT_SUBSTITUTIONS));
  });

  it('logs requests to the access-log bucket', () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalId(synth.stack.storage.logs), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it('uses its own domain name for SITE_URL without a custom domain', () => {
    expect(distributionConfig().Aliases).toBeUndefined();
    expect(distributionConfig().ViewerCertificate).toBeUndefined();
    const distribution = logicalId(synth.stack.delivery.distribution);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SITE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] } }) },
    });
  });
});

describe('CloudFront distribution with a custom domain', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack({ domainName: 'feeds.example.com', certificateArn: CERTIFICATE });
  });
  afterAll(() => synth.dispose());

  it('serves the domain with the us-east-1 certificate over TLS 1.2+ (SNI)', () => {
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['feeds.example.com'],
        ViewerCertificate: { AcmCertificateArn: CERTIFICATE, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      }),
    });
  });

  it('publishes feed URLs on the custom domain', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SITE_URL: 'https://feeds.example.com' }) },
    });
    synth.template.hasOutput('RssFeedUrl', { Value: 'https://feeds.example.com/rss.xml' });
  });
});
