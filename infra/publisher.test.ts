import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_TIMEOUT, REBUILDER_MEMORY_MB, REBUILDER_TIMEOUT } from './publisher.js';
import { PUBLISHER_SQS_SOURCE } from './publisher-queue.js';
import { arnOf, logicalId, objectArnOf, synthFeedStack, type SynthesizedStack } from './test-stack.js';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

describe('publisher', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack({ siteTitle: 'Test Wire', itemLimit: '25' });
  });
  afterAll(() => synth.dispose());

  const fn = () => synth.template.findResources('AWS::Lambda::Function')[logicalId(synth.stack.publisher.function)];
  /** Every statement of every policy attached to the publisher's role (or the rebuilder's). */
  const roleStatements = (which: 'function' | 'rebuilder' = 'function'): Statement[] => {
    const role = synth.stack.publisher[which].role;
    if (!role) throw new Error(`${which} has no role`);
    const policies = synth.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: logicalId(role) }] } });
    const roles = synth.template.findResources('AWS::IAM::Role');
    expect(roles[logicalId(role)]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(roles[logicalId(role)]?.Properties.Policies).toBeUndefined();
    return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  };
  const actionsOf = (statement: Statement) => [statement.Action].flat();
  const resourcesOf = (statement: Statement) => [statement.Resource].flat();

  it('runs on Node 22 or newer, arm64, with memory, timeout and ESM bundle handler', () => {
    const properties = fn()?.Properties;
    expect(Number(/^nodejs(\d+)\.x$/.exec(properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    expect(properties).toMatchObject({ Architectures: ['arm64'], MemorySize: 512, Timeout: 60, Handler: 'index.handler' });
  });

  it('has a rebuilder: its own bundle (the rebuild steps), its own role, 15 minutes and a whole vCPU, which the queue never invokes', () => {
    const { template, stack } = synth;
    const functions = template.findResources('AWS::Lambda::Function');
    const publisher = fn()?.Properties;
    const rebuilder = functions[logicalId(stack.publisher.rebuilder)]?.Properties;
    expect(rebuilder).toMatchObject({ MemorySize: REBUILDER_MEMORY_MB, Timeout: REBUILDER_TIMEOUT.toSeconds(), Handler: publisher.Handler, Runtime: publisher.Runtime, Architectures: publisher.Architectures });
    expect(rebuilder.Role).toEqual({ 'Fn::GetAtt': [logicalId(stack.publisher.rebuilder.role!), 'Arn'] });
    expect(rebuilder.Role).not.toEqual(publisher.Role);
    expect(rebuilder.Code).not.toEqual(publisher.Code);
    expect(REBUILDER_TIMEOUT.toSeconds()).toBe(900);
    expect(rebuilder.Environment.Variables).toEqual({ ...publisher.Environment.Variables, POWERTOOLS_SERVICE_NAME: 'wirefeed-rebuild' });
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties.FunctionName);
    expect(mappings).toEqual([{ Ref: logicalId(stack.publisher.function) }]);
  });

  it('is configured by environment for the handler, with context overrides only when given', () => {
    const { stack } = synth;
    expect(fn()?.Properties.Environment.Variables).toEqual({
      CONTENT_BUCKET: { Ref: logicalId(stack.storage.content) },
      SITE_BUCKET: { Ref: logicalId(stack.storage.site) },
      SITE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.delivery.distribution), 'DomainName'] }]] },
      DISTRIBUTION_ID: { Ref: logicalId(stack.delivery.distribution) },
      SITE_TITLE: 'Test Wire',
      ITEM_LIMIT: '25',
      POWERTOOLS_SERVICE_NAME: 'wirefeed-publish',
      POWERTOOLS_METRICS_NAMESPACE: 'wirefeed',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('logs JSON to its own log group with a retention', () => {
    const { template, stack } = synth;
    expect(fn()?.Properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logicalId(stack.publisher.logGroup) } });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Retain' });
  });

  it('consumes story changes from SQS in batches, reporting item failures, at most 2 at a time', () => {
    const { template, stack } = synth;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(stack.publisher.queue),
      FunctionName: { Ref: logicalId(stack.publisher.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
      BatchSize: PUBLISHER_SQS_SOURCE.batchSize,
      MaximumBatchingWindowInSeconds: PUBLISHER_SQS_SOURCE.batchingWindowSeconds,
    });
  });

  it('redrives to a dead-letter queue after 5 receives; visibility ≥ 6 × timeout; queues encrypted and TLS-only', () => {
    const { template, stack } = synth;
    const queues = template.findResources('AWS::SQS::Queue');
    const queue = queues[logicalId(stack.publisher.queue)]?.Properties;
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(stack.publisher.deadLetterQueue), maxReceiveCount: 5 });
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * PUBLISHER_TIMEOUT.toSeconds());
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn()?.Properties.Timeout);
    for (const q of [stack.publisher.queue, stack.publisher.deadLetterQueue]) {
      expect(queues[logicalId(q)]?.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(q) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('is notified of created and removed stories/*.json in the content bucket', () => {
    const { template, stack } = synth;
    const filter = { Key: { FilterRules: [{ Name: 'suffix', Value: '.json' }, { Name: 'prefix', Value: 'stories/' }] } };
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.storage.content) },
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: filter, QueueArn: arnOf(stack.publisher.queue) },
          { Events: ['s3:ObjectRemoved:*'], Filter: filter, QueueArn: arnOf(stack.publisher.queue) },
        ],
      },
    });
    // Only S3, and only from the content bucket, may send to the queue
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(stack.publisher.queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
            Condition: { ArnLike: { 'aws:SourceArn': arnOf(stack.storage.content) } },
          }),
        ]),
      },
    });
  });

  it('has least-privilege IAM: no s3:*, no action wildcards, no * resources', () => {
    const statements = roleStatements();
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actionsOf(statement)) expect(action, JSON.stringify(statement)).not.toContain('*');
      for (const resource of resourcesOf(statement)) expect(resource).not.toBe('*');
    }
  });

  it('only reads the content bucket: stories/, media/ and site.json', () => {
    const { stack } = synth;
    const content = stack.storage.content;
    const onContent = roleStatements().filter((statement) => JSON.stringify(statement.Resource).includes(`"${logicalId(content)}"`));
    const granted = onContent.flatMap((statement) => resourcesOf(statement).flatMap((resource) => actionsOf(statement).map((action) => ({ action, resource }))));
    expect(granted).toEqual(
      expect.arrayContaining([
        { action: 's3:GetObject', resource: objectArnOf(content, 'stories/*') },
        { action: 's3:GetObject', resource: objectArnOf(content, 'media/*') },
        { action: 's3:GetObject', resource: objectArnOf(content, 'site.json') },
        { action: 's3:ListBucket', resource: arnOf(content) },
      ]),
    );
    expect(granted).toHaveLength(4);
  });

  it('has a rebuilder with the publisher\'s grants, and the move of imports: read and delete import/, put stories/, nothing else of the content bucket', () => {
    const { stack } = synth;
    const content = stack.storage.content;
    // Every grant of the publisher's is the rebuilder's too, but the queue's: the queue never invokes it
    const publisher = roleStatements().filter((statement) => !actionsOf(statement).some((action) => action.startsWith('sqs:')));
    const rebuilder = roleStatements('rebuilder');
    expect(rebuilder).toEqual(expect.arrayContaining(publisher));
    const extra = rebuilder.filter((statement) => !publisher.some((other) => JSON.stringify(other) === JSON.stringify(statement)));
    const granted = extra.flatMap((statement) => resourcesOf(statement).flatMap((resource) => actionsOf(statement).map((action) => ({ action, resource }))));
    expect(granted).toEqual([
      { action: 's3:GetObject', resource: objectArnOf(content, 'import/*') },
      { action: 's3:DeleteObject', resource: objectArnOf(content, 'import/*') },
      { action: 's3:PutObject', resource: objectArnOf(content, 'stories/*') },
    ]);
    for (const statement of rebuilder) for (const action of actionsOf(statement)) expect(action).not.toContain('*');
  });

  it('reads, writes and deletes objects of the site bucket only', () => {
    const { stack } = synth;
    const site = stack.storage.site;
    const writes = roleStatements().filter((statement) => actionsOf(statement).some((action) => /^s3:(Put|Delete)/.test(action)));
    expect(writes).toEqual([expect.objectContaining({ Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: objectArnOf(site, '*') })]);
  });

  it('may create invalidations on this distribution only', () => {
    const { stack } = synth;
    const cloudfront = roleStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('cloudfront:')));
    expect(cloudfront).toEqual([
      expect.objectContaining({
        Action: 'cloudfront:CreateInvalidation',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: logicalId(stack.delivery.distribution) }]],
        },
      }),
    ]);
  });

  it('writes logs to its own log group only', () => {
    const logs = roleStatements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('logs:')));
    expect(logs).toEqual([expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arnOf(synth.stack.publisher.logGroup) })]);
  });
});
