import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Stage } from './config.js';
import { S3_STATE_KEYS } from '../functions/adapters/s3-state-layout.js';

/** Where the publisher keeps its own state in the site bucket (its S3 layout's root); never served (see delivery.ts). */
export const STATE_PREFIX = S3_STATE_KEYS.root;

/** Settings of the three buckets. */
export interface FeedStorageProps {
  stage: Stage;
  noncurrentVersionDays: number;
}

/**
 * The content bucket (ninjs stories and photos, written by the newsroom), the site bucket (feeds
 * and pages, written only by the publisher, read only by CloudFront) and their access-log bucket.
 */
export class FeedStorage extends Construct {
  readonly content: s3.Bucket;
  readonly site: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, props: FeedStorageProps) {
    super(scope, id);
    // Only a dev stack may take its data with it on `cdk destroy`; prod buckets outlive the stack.
    const disposable = props.stage === 'dev';
    const lifetime = disposable ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true } : { removalPolicy: RemovalPolicy.RETAIN };
    const secure = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      ...lifetime,
    } satisfies s3.BucketProps;

    this.logs = new s3.Bucket(this, 'AccessLogs', {
      ...secure,
      // CloudFront standard logs are delivered with an ACL grant, so this bucket must accept ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });

    this.content = new s3.Bucket(this, 'Content', {
      ...secure,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Nothing the newsroom uploads is ever lost: an overwrite or delete keeps the old version.
      versioned: true,
      lifecycleRules: [
        {
          id: 'old-versions',
          // Old versions age out, but the newest few of every key stay, so even a story deleted
          // long ago can be restored.
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          noncurrentVersionsToRetain: 3,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/content/',
    });

    this.site = new s3.Bucket(this, 'Site', {
      ...secure,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // No versioning: every object here is rebuilt from the content bucket on demand.
      lifecycleRules: [
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // A rebuild run removes its scratch objects when it finishes; a failed run's stay a week, to look into.
        { id: 'expire-rebuild-runs', prefix: S3_STATE_KEYS.rebuildRuns, expiration: Duration.days(7) },
      ],
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/site/',
    });
  }
}
