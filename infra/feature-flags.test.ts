import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { cdkJsonContext } from './test-stack.js';

/**
 * Flags cdk.json sets against aws-cdk-lib's recommendation, each with its reason. minimizePolicies
 * merges IAM statements: turning it on rewrites every policy of a deployed stack and blurs the
 * one-statement-per-grant policies infra/publisher.ts writes out, so it stays off by choice.
 */
const KEPT_AGAINST_RECOMMENDATION = new Set(['@aws-cdk/aws-iam:minimizePolicies']);

describe('cdk.json feature flags', () => {
  it('configures every flag aws-cdk-lib recommends, so `cdk synth` has none to warn about', () => {
    // Given the flags the installed aws-cdk-lib recommends for a new project
    const context = cdkJsonContext();
    const recommended = Object.entries(CURRENTLY_RECOMMENDED_FLAGS);
    // Then each is set in cdk.json, to the recommended value unless kept otherwise on purpose
    expect(recommended.filter(([flag]) => !(flag in context)).map(([flag]) => flag)).toEqual([]);
    const differing = recommended.filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value)).map(([flag]) => flag);
    expect(differing).toEqual([...KEPT_AGAINST_RECOMMENDATION]);
  });
});
