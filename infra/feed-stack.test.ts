import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from '../functions/handlers/publish-metrics.js';
import { DASHBOARD_WIDGETS } from './dashboard.js';
import { arnOf, logicalId, synthFeedStack, type SynthesizedStack } from './test-stack.js';

/** A dashboard's body as JSON, each CloudFormation token inside it (a Ref, a region) replaced by `TOKEN`. */
function dashboardBody(template: Template): { widgets: Array<{ type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: unknown[] } }> } {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]?.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text);
}

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
      const rebuild = schedules.find((schedule) => schedule.ScheduleExpression.startsWith('cron('));
      // An execution of the rebuild state machine, the one rebuild path
      expect(rebuild).toMatchObject({ ScheduleExpression: 'cron(17 3 * * ? *)', State: 'ENABLED', Target: { Arn: { Ref: logicalId(withRebuild.stack.rebuild.stateMachine) }, Input: '{}' } });
    } finally {
      withRebuild.dispose();
    }
  });

  it('alarms on one dead-lettered story change, any publisher or rebuild error, and a failed invalidation', () => {
    const { template, stack } = synth;
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    // Each alarm tells the alarm topic when it fires and when it recovers
    const topic = { Ref: logicalId(stack.alarmTopic.topic) };
    for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions, id).toEqual([topic]);
      expect(alarm.Properties.OKActions, id).toEqual([topic]);
    }
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
    // A rebuild execution that failed or timed out, not a rebuilder error a retry recovered
    const rebuildMetric = (name: string) => ({
      MetricStat: {
        Metric: { Namespace: 'AWS/States', MetricName: name, Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalId(stack.rebuild.stateMachine) } }] },
        Stat: 'Sum',
        Period: 900,
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(failed, 0) + FILL(timedOut, 0)' }),
        Match.objectLike({ Id: 'failed', ...rebuildMetric('ExecutionsFailed') }),
        Match.objectLike({ Id: 'timedOut', ...rebuildMetric('ExecutionsTimedOut') }),
      ]),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // A failed invalidation leaves readers on old feeds without failing any record
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC_NAMES.invalidationFailed,
      Dimensions: [{ Name: 'service', Value: SERVICES.publish }],
      Statistic: 'Sum',
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
    template.hasOutput('RebuildStateMachineArn', { Value: { Ref: logicalId(stack.rebuild.stateMachine) } });
  });

  it('ships no sample content to a prod stack', () => {
    synth.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    synth.template.hasResourceProperties('AWS::Lambda::Function', { Runtime: Match.stringLikeRegexp('^nodejs') });
  });

  it('has an alarm topic that refuses plain HTTP, and no subscriber unless alarmEmail is given', () => {
    const { template, stack } = synth;
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(stack.alarmTopic.topic) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: logicalId(stack.alarmTopic.topic) } });
  });

  it('has a dashboard of publishes, rejections, lag, queue age, DLQ depth, rebuilds and alarms', () => {
    const { template, stack } = synth;
    const { widgets } = dashboardBody(template);
    type Widget = (typeof widgets)[number]['properties'];
    const byTitle: Record<string, Widget> = Object.fromEntries(widgets.map((widget) => [widget.properties.title ?? '', widget.properties]));
    expect(Object.keys(byTitle).sort()).toEqual(Object.values(DASHBOARD_WIDGETS).sort());
    /** The [namespace, metric name, dimension name, dimension value] of each line of a widget. */
    const lines = (title: string) => (byTitle[title]?.metrics ?? []).map((line) => line.filter((part) => typeof part === 'string').slice(0, 4));
    const own = (name: string, service: string) => [METRICS_NAMESPACE, name, 'service', service];
    expect(lines(DASHBOARD_WIDGETS.publishes)).toEqual([own(METRIC_NAMES.published, SERVICES.publish), own(METRIC_NAMES.removed, SERVICES.publish), own(METRIC_NAMES.held, SERVICES.publish)]);
    expect(lines(DASHBOARD_WIDGETS.rejections)).toEqual([own(METRIC_NAMES.rejected, SERVICES.publish), own(METRIC_NAMES.rejected, SERVICES.rebuild)]);
    expect(lines(DASHBOARD_WIDGETS.lag)).toEqual([own(METRIC_NAMES.lag, SERVICES.publish), own(METRIC_NAMES.lag, SERVICES.publish), own(METRIC_NAMES.lag, SERVICES.publish)]);
    expect(byTitle[DASHBOARD_WIDGETS.lag]?.metrics?.map((line) => (line.at(-1) as { stat: string }).stat)).toEqual(['p50', 'p99', 'Maximum']);
    // Queue and function metrics name their resource by a token; the metric names say which
    expect(lines(DASHBOARD_WIDGETS.queueAge)).toEqual([['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', 'TOKEN']]);
    expect(lines(DASHBOARD_WIDGETS.deadLetters)).toEqual([['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', 'TOKEN']]);
    expect(lines(DASHBOARD_WIDGETS.rebuilds)).toEqual([
      ['AWS/States', 'ExecutionsStarted', 'StateMachineArn', 'TOKEN'],
      ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', 'TOKEN'],
      ['AWS/States', 'ExecutionsTimedOut', 'StateMachineArn', 'TOKEN'],
      own(METRIC_NAMES.published, SERVICES.rebuild),
    ]);
    expect(lines(DASHBOARD_WIDGETS.publisherErrors)).toEqual([['AWS/Lambda', 'Invocations', 'FunctionName', 'TOKEN'], ['AWS/Lambda', 'Errors', 'FunctionName', 'TOKEN'], own(METRIC_NAMES.stateConflicts, SERVICES.publish)]);
    expect(byTitle[DASHBOARD_WIDGETS.alarms]?.alarms).toHaveLength(4);
    // Which queue and which function: the tokens in the body are theirs
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody);
    for (const resource of [stack.publisher.queue, stack.publisher.deadLetterQueue]) expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId(resource), 'QueueName'] }));
    for (const resource of [stack.publisher.function, stack.rebuild.stateMachine]) expect(body).toContain(JSON.stringify({ Ref: logicalId(resource) }));
  });
});

describe('dev feed stack with an alarm address', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthFeedStack({ stage: 'dev', alarmEmail: 'desk@example.com' });
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

  it('subscribes the address to the alarm topic', () => {
    const { template, stack } = synth;
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((subscription) => subscription.Properties);
    expect(subscriptions).toEqual([{ Protocol: 'email', Endpoint: 'desk@example.com', TopicArn: { Ref: logicalId(stack.alarmTopic.topic) } }]);
  });
});
