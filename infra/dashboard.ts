import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from '../functions/handlers/publish-metrics.js';

/** What the dashboard shows. */
export interface PublisherDashboardProps {
  publisher: lambda.IFunction;
  /** The rebuild state machine. */
  rebuild: sfn.IStateMachine;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  /** Shown at the top, with their state. */
  alarms: cloudwatch.IAlarm[];
}

/** Widget titles, which the tests and docs/deploy.md name. */
export const DASHBOARD_WIDGETS = {
  alarms: 'Alarms',
  publishes: 'Publishes',
  rejections: 'Rejections',
  lag: 'End-to-end lag: S3 event to feeds written',
  queueAge: 'Queue: age of the oldest story change',
  deadLetters: 'Dead-letter queue: story changes waiting',
  rebuilds: 'Rebuild runs and errors',
  publisherErrors: 'Publisher invocations, errors and contended state writes',
} as const;

const PERIOD = Duration.minutes(5);

/** One of the publisher's own metrics (functions/handlers/publish-metrics.ts). */
function publisherMetric(name: string, service: string, options: { statistic: string; label: string }): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service }, period: PERIOD, ...options });
}

/** A CloudWatch dashboard of one glance: is news getting out, how fast, and what is stuck. */
export class PublisherDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PublisherDashboardProps) {
    super(scope, id);
    const { publisher, rebuild, queue, deadLetterQueue } = props;
    const count = (name: string, service: string, label: string) => publisherMetric(name, service, { statistic: 'Sum', label });
    const lag = (statistic: string) => publisherMetric(METRIC_NAMES.lag, SERVICES.publish, { statistic, label: statistic });
    const width = 12;
    const height = 6;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: DASHBOARD_WIDGETS.alarms, alarms: props.alarms, width: 24, height: 2 })],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.publishes,
            left: [count(METRIC_NAMES.published, SERVICES.publish, 'published'), count(METRIC_NAMES.removed, SERVICES.publish, 'removed'), count(METRIC_NAMES.held, SERVICES.publish, 'held (embargo)')],
            stacked: true,
            width,
            height,
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.rejections,
            left: [count(METRIC_NAMES.rejected, SERVICES.publish, 'rejected by the publisher'), count(METRIC_NAMES.rejected, SERVICES.rebuild, 'rejected by a rebuild')],
            width,
            height,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.lag,
            left: [lag('p50'), lag('p99'), lag('Maximum')],
            leftYAxis: { label: 'ms', showUnits: false, min: 0 },
            width,
            height,
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.queueAge,
            left: [queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: 'oldest message (s)' })],
            leftYAxis: { min: 0 },
            width,
            height,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.deadLetters,
            left: [deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'messages' })],
            leftYAxis: { min: 0 },
            width,
            height,
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.rebuilds,
            left: [
              rebuild.metricStarted({ period: PERIOD, statistic: 'Sum', label: 'runs' }),
              rebuild.metricFailed({ period: PERIOD, statistic: 'Sum', label: 'failed (stopped)' }),
              rebuild.metricTimedOut({ period: PERIOD, statistic: 'Sum', label: 'timed out' }),
            ],
            right: [count(METRIC_NAMES.published, SERVICES.rebuild, 'stories published by rebuilds')],
            width,
            height,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.publisherErrors,
            left: [publisher.metricInvocations({ period: PERIOD, statistic: 'Sum', label: 'invocations' }), publisher.metricErrors({ period: PERIOD, statistic: 'Sum', label: 'errors' })],
            right: [count(METRIC_NAMES.stateConflicts, SERVICES.publish, 'state writes redone (another publisher first)')],
            width,
            height,
          }),
        ],
      ],
    });
  }
}
