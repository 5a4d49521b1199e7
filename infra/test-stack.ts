/**
 * Test support: synthesizes the stack in-process with the same context `npx cdk synth` reads from
 * cdk.json, plus overrides, optionally under cdk-nag.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { FeedStack } from './feed-stack.js';
import { REPO_ROOT } from './paths.js';

/** The `context` block of cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A synthesized stack and its template. */
export interface SynthesizedStack {
  app: App;
  stack: FeedStack;
  template: Template;
  /** Removes the synthesized assembly (a temp dir unless `outdir` was given). */
  dispose(): void;
}

/** Builds the stack as app.ts does, with `overrides` on top of cdk.json's context. */
export function synthFeedStack(overrides: Record<string, unknown> = {}, options: { nag?: boolean; outdir?: string } = {}): SynthesizedStack {
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'wirefeed-cdk-'));
  const app = new App({ context: { ...cdkJsonContext(), ...overrides }, outdir });
  const config = readConfig((key) => app.node.tryGetContext(key));
  const stack = new FeedStack(app, 'Wirefeed', { config });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  // Template.fromStack synthesizes the app (bundling the publisher with esbuild) and runs aspects.
  const template = Template.fromStack(stack);
  const dispose = () => {
    if (!options.outdir) rmSync(outdir, { recursive: true, force: true });
  };
  return { app, stack, template, dispose };
}

/** The CloudFormation logical id of a construct's resource, for `Ref` / `Fn::GetAtt` matching. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(cfn)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(cfn).getLogicalId(cfn);
}

/** `{ "Fn::GetAtt": [id, "Arn"] }`. */
export const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

/** `<arn>/<suffix>` as CDK writes it. */
export const objectArnOf = (construct: IConstruct, suffix: string) => ({ 'Fn::Join': ['', [arnOf(construct), `/${suffix}`]] });

/**
 * A state machine's ASL definition as deployed, its CloudFormation tokens written out: the
 * partition `aws`, a `Ref` as `ref:<logical id>`, an ARN as `arn:<logical id>`.
 */
export function stateMachineDefinition(template: Template, stateMachine: IConstruct): Record<string, unknown> {
  const resource = template.toJSON().Resources[logicalId(stateMachine)] as { Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } };
  const parts = resource.Properties.DefinitionString['Fn::Join'][1].map((part) => {
    if (typeof part === 'string') return part;
    const token = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    if (token.Ref === 'AWS::Partition') return 'aws';
    if (token.Ref) return `ref:${token.Ref}`;
    if (token['Fn::GetAtt']?.[1] === 'Arn') return `arn:${token['Fn::GetAtt'][0]}`;
    throw new Error(`unexpected token in a definition: ${JSON.stringify(part)}`);
  });
  return JSON.parse(parts.join('')) as Record<string, unknown>;
}
