import type { Stack } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { acknowledge, nagArnToken, type Finding } from './acknowledge.js';

/**
 * Helpers that aws-cdk-lib creates at stack level for our constructs, with the findings cdk-nag
 * reports on their code, which we do not write, and why each is acceptable.
 */
const LAMBDA_BASIC_EXECUTION = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

const internals = (contentArn: string): { idPrefix: string; suppressions: Finding[] }[] => [
  {
    // BucketDeployment's handler (uploads content/ on deploy).
    idPrefix: 'Custom::CDKBucketDeployment',
    suppressions: [
      {
        id: LAMBDA_BASIC_EXECUTION,
        reason:
          'aws-cdk-lib creates the BucketDeployment handler with AWSLambdaBasicExecutionRole, only to write its own logs; it runs during deployments, never on content.',
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `aws-cdk-lib grants the BucketDeployment handler ${action} to read the staged sample-content asset and check the content bucket; read-only and limited to those two buckets.`,
      })),
      ...['s3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `aws-cdk-lib grants the BucketDeployment handler ${action} on the content bucket it fills (sync clean-up, aborted uploads); prune is off, so it never deletes newsroom content.`,
      })),
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment handler is a Python function whose runtime aws-cdk-lib pins and upgrades with the library; we cannot choose it.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: 'The CDK bootstrap asset bucket holds the zipped sample content; the handler must read the object whose key is a content hash.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${contentArn}/*]`,
        reason: 'The BucketDeployment writes the sample stories/, media/ and site.json anywhere in the content bucket; it is that bucket\'s uploader by design.',
      },
    ],
  },
  {
    // The handler that configures the content bucket's event notifications (S3 → queue).
    idPrefix: 'BucketNotificationsHandler',
    suppressions: [
      {
        id: LAMBDA_BASIC_EXECUTION,
        reason:
          'aws-cdk-lib creates the bucket-notifications handler with AWSLambdaBasicExecutionRole for its own logs; it runs only while CloudFormation configures notifications.',
      },
    ],
  },
];

/** Attaches the reasoned acknowledgments for aws-cdk-lib's own helper resources in `stack`. */
export function suppressCdkInternals(stack: Stack, content: s3.Bucket): void {
  const entries = internals(nagArnToken(content));
  // Called last in the stack's constructor, so every helper already exists.
  for (const child of stack.node.children as IConstruct[]) {
    const internal = entries.find((entry) => child.node.id.startsWith(entry.idPrefix));
    if (internal) acknowledge(child, internal.suppressions);
  }
}
