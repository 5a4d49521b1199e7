import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthFeedStack } from './test-stack.js';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** Every acknowledgment recorded in the tree: rule id, reason, construct path. */
function acknowledgments(root: IConstruct): { id: string; reason: string; path: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ id, reason, path: construct.node.path }))),
  );
}

/**
 * AwsSolutionsChecks that also records which acknowledgments answered a finding, so a stale
 * acknowledgment (one that hides nothing any more) fails the test instead of lingering.
 */
function checkWithUsage(root: IConstruct) {
  const pack = new AwsSolutionsChecks(undefined, { verbose: true });
  const used = new Set<string>();
  const internal = pack as unknown as { isAcknowledged(resource: IConstruct, ruleId: string): boolean };
  const original = internal.isAcknowledged.bind(pack);
  internal.isAcknowledged = (resource, ruleId) => {
    const acknowledged = original(resource, ruleId);
    if (acknowledged) used.add(ruleId);
    return acknowledged;
  };
  return { report: pack.validateScope(root), used };
}

describe.each([
  ['prod', {}],
  ['dev', { stage: 'dev' }],
  ['custom domain', { domainName: 'feeds.example.com', certificateArn: CERTIFICATE }],
])('cdk-nag AwsSolutions on the %s stack', (_name, context) => {
  it('reports no unacknowledged error or warning, and every acknowledgment has a reason and is needed', () => {
    // Given the stack as `cdk synth` builds it
    const synth = synthFeedStack(context);
    try {
      // When the AwsSolutions pack checks every resource
      const { report, used } = checkWithUsage(synth.app);
      // Then nothing is left: no error and no warning
      const findings = report.violations.map((violation) => `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings).toEqual([]);
      // And CDK itself has nothing to warn about
      const annotations = Annotations.fromStack(synth.stack);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
      // And each acknowledgment explains itself in a sentence
      const acks = acknowledgments(synth.app);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) {
        expect(ack.id, ack.path).toMatch(/^Annotation::AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
        expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      }
      // And none is stale
      const acknowledged = new Set(acks.map((ack) => ack.id.replace(/^Annotation::/, '')));
      expect([...acknowledged].filter((id) => !used.has(id))).toEqual([]);
    } finally {
      synth.dispose();
    }
  });
});

describe('cdk-nag check itself', () => {
  it('catches an unacknowledged finding (so the checks above can fail)', () => {
    // Given a bucket with none of our settings
    const app = new App();
    new s3.Bucket(new Stack(app, 'Bare'), 'Bucket');
    // When checked
    const { report } = checkWithUsage(app);
    // Then server access logging and TLS-only are reported
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
