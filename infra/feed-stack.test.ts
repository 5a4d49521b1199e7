import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnOf, logicalId, synthFeedStack, type SynthesizedStack } from './test-stack.js';

describe('feed stack', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack();
  });
  afterAll(() => synth.dispose());

  it('releases embargoed stories every 5 minutes, invoking the publisher; no nightly rebuild unless asked for', () => {
    const { template, stack } = synth;
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((schedule) => schedule.Properties);
    expect(schedules).toHaveLength(1);
    const byInput = Object.fromEntries(schedules.map((schedule) => [JSON.parse(schedule.Target.Input).wirefeed, schedule]));
    expect(byInput.release).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Target: { Arn: arnOf(stack.publisher.function) } });
    // The scheduler's role may invoke the publisher and nothing else
    const roleId = byInput.release.Target.RoleArn['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [arnOf(stack.publisher.function), { 'Fn::Join': ['', [arnOf(stack.publisher.function), ':*']] }],
          },
        ],
      },
    });
  });

  it('schedules a nightly full rebuild with context dailyRebuild=true', () => {
    const withRebuild = synthFeedStack({ dailyRebuild: 'true' });
    try {
      const schedules = Object.values(withRebuild.template.findResources('AWS::Scheduler::Schedule')).map((schedule) => schedule.Properties);
      const rebuild = schedules.find((schedule) => JSON.parse(schedule.Target.Input).wirefeed === 'rebuild');
      // The rebuilder, not the publisher: a rebuild needs its 15 minutes and its whole vCPU
      expect(rebuild).toMatchObject({ ScheduleExpression: 'cron(17 3 * * ? *)', State: 'ENABLED', Target: { Arn: arnOf(withRebuild.stack.publisher.rebuilder) } });
    } finally {
      withRebuild.dispose();
    }
  });

  it('alarms on one dead-lettered story change and on any publisher or rebuild error', () => {
    const { template, stack } = synth;
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.publisher.deadLetterQueue), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.publisher.function) } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.publisher.rebuilder) } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('outputs the three feed URLs, bucket names and the distribution', () => {
    const { template, stack } = synth;
    const domain = { 'Fn::GetAtt': [logicalId(stack.delivery.distribution), 'DomainName'] };
    for (const [output, file] of [
      ['RssFeedUrl', 'rss.xml'],
      ['AtomFeedUrl', 'atom.xml'],
      ['JsonFeedUrl', 'feed.json'],
    ]) {
      template.hasOutput(output as string, { Value: { 'Fn::Join': ['', ['https://', domain, `/${file}`]] } });
    }
    template.hasOutput('ContentBucketName', { Value: { Ref: logicalId(stack.storage.content) } });
    template.hasOutput('SiteBucketName', { Value: { Ref: logicalId(stack.storage.site) } });
    template.hasOutput('DistributionId', { Value: { Ref: logicalId(stack.delivery.distribution) } });
    template.hasOutput('DistributionDomainName', { Value: domain });
    template.hasOutput('PublisherFunctionName', { Value: { Ref: logicalId(stack.publisher.function) } });
    template.hasOutput('RebuilderFunctionName', { Value: { Ref: logicalId(stack.publisher.rebuilder) } });
  });

  it('ships no sample content to a prod stack', () => {
    synth.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    synth.template.hasResourceProperties('AWS::Lambda::Function', { Runtime: Match.stringLikeRegexp('^nodejs') });
  });
});

describe('dev feed stack', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack({ stage: 'dev' });
  });
  afterAll(() => synth.dispose());

  it('uploads content/ without pruning, after the notifications exist', () => {
    const { template, stack } = synth;
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    const [deployment, ...others] = Object.values(deployments);
    expect(others).toEqual([]);
    expect(deployment?.Properties).toMatchObject({ DestinationBucketName: { Ref: logicalId(stack.storage.content) }, Prune: false });
    expect(deployment?.Properties.DestinationBucketKeyPrefix).toBeUndefined();
    const notifications = stack.storage.content.node.findChild('Notifications');
    expect(deployment?.DependsOn).toEqual(expect.arrayContaining([logicalId(notifications), expect.stringMatching(/^PublisherFunctionSqsEventSource/)]));
  });
});
