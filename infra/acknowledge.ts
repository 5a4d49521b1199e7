import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag finding we accept, and why. `id` may name a single finding: `AwsSolutions-IAM5[Resource::…]`. */
export interface Finding {
  id: string;
  reason: string;
}

/**
 * Acknowledges cdk-nag findings on a construct and everything under it (cdk-nag v3 reads CDK's own
 * `Validations` acknowledgments; v2's `NagSuppressions` no longer exists).
 */
export function acknowledge(scope: IConstruct, findings: Finding[]): void {
  Validations.of(scope).acknowledge(...findings);
}

/** How cdk-nag writes a resource's ARN inside a finding id: `<LogicalId.Arn>`. */
export function nagArnToken(resource: IConstruct): string {
  const cfn = resource.node.defaultChild;
  if (!CfnResource.isCfnResource(cfn)) throw new Error(`${resource.node.path} has no CloudFormation resource`);
  return `<${Stack.of(cfn).getLogicalId(cfn)}.Arn>`;
}
