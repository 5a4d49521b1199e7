import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IDependable } from 'constructs';
import { SAMPLE_CONTENT_DIR } from './paths.js';

/** Where the sample content goes and what must exist before it lands. */
export interface SampleContentProps {
  content: s3.Bucket;
  /** The bucket's event notifications: uploads made before they exist would never be published. */
  after: IDependable[];
}

/** Ships `content/` (stories, photos, site.json) into the content bucket, so a fresh stack shows feeds. */
export class SampleContent extends Construct {
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: SampleContentProps) {
    super(scope, id);
    this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(SAMPLE_CONTENT_DIR)],
      destinationBucket: props.content,
      // Never delete what the newsroom uploaded since: the bucket is theirs, not this folder's mirror.
      prune: false,
      memoryLimit: 256,
    });
    for (const dependency of props.after) this.deployment.node.addDependency(dependency);
  }
}
