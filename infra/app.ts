/**
 * The CDK app `npx cdk deploy` runs (see cdk.json). One environment-agnostic stack: no lookups, so
 * `cdk synth` works offline without an AWS account.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { FeedStack } from './feed-stack.js';

const app = new App();
const config = readConfig((key) => app.node.tryGetContext(key));
new FeedStack(app, config.stage === 'dev' ? 'WirefeedDev' : 'Wirefeed', {
  config,
  description: 'wirefeed: ninjs stories published as RSS, Atom and JSON Feed on S3 + CloudFront',
});
// Every synth and deploy is checked; an unsuppressed finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
