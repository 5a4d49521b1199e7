import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnOf, logicalId, objectArnOf, synthFeedStack, type SynthesizedStack } from './test-stack.js';

describe('buckets (prod stage)', () => {
  let prod: SynthesizedStack;
  beforeAll(() => {
    prod = synthFeedStack();
  });
  afterAll(() => prod.dispose());

  it('has exactly the content, site and access-log buckets', () => {
    prod.template.resourceCountIs('AWS::S3::Bucket', 3);
  });

  it('blocks public access, encrypts and requires TLS 1.2+ on every bucket', () => {
    const { template, stack } = prod;
    for (const bucket of [stack.storage.content, stack.storage.site, stack.storage.logs]) {
      // Given each bucket
      const id = logicalId(bucket);
      // Then public access is blocked in all four ways, and objects are encrypted at rest
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        }),
        // And a prod bucket outlives the stack
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      // And its policy refuses plain HTTP and old TLS for everyone
      const everything = [arnOf(bucket), objectArnOf(bucket, '*')];
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: everything }),
            Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } }, Resource: everything }),
          ]),
        },
      });
    }
  });

  it('versions the content bucket and ages out old versions but keeps the newest few', () => {
    const { template, stack } = prod;
    const content = template.findResources('AWS::S3::Bucket')[logicalId(stack.storage.content)];
    expect(content?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(content?.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 365, NewerNoncurrentVersions: 3 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
    );
    // The site bucket is rebuilt from content, so it is not versioned.
    const site = template.findResources('AWS::S3::Bucket')[logicalId(stack.storage.site)];
    expect(site?.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('logs access to the content and site buckets into the log bucket', () => {
    const { template, stack } = prod;
    for (const [bucket, prefix] of [
      [stack.storage.content, 's3/content/'],
      [stack.storage.site, 's3/site/'],
    ] as const) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.storage.logs) }, LogFilePrefix: prefix },
        VersioningConfiguration: bucket === stack.storage.content ? { Status: 'Enabled' } : Match.absent(),
      });
    }
  });

  it('deletes nothing on destroy: no auto-delete custom resource', () => {
    prod.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });
});

describe('buckets (dev stage)', () => {
  let dev: SynthesizedStack;
  beforeAll(() => {
    dev = synthFeedStack({ stage: 'dev' });
  });
  afterAll(() => dev.dispose());

  it('empties and deletes every bucket on destroy', () => {
    const { template, stack } = dev;
    for (const bucket of [stack.storage.content, stack.storage.site, stack.storage.logs]) {
      expect(template.findResources('AWS::S3::Bucket')[logicalId(bucket)]).toMatchObject({ DeletionPolicy: 'Delete' });
      template.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: logicalId(bucket) } });
    }
  });
});
