import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from '../functions/handlers/publish-metrics.js';

/** What the alarms watch, and whom they tell. */
export interface PublisherAlarmsProps {
  function: lambda.IFunction;
  /** The rebuild state machine (infra/rebuild-machine.ts). */
  rebuild: sfn.IStateMachine;
  deadLetterQueue: sqs.IQueue;
  /** Notified when an alarm fires and when it recovers. */
  topic: sns.ITopic;
}

/** Every alarm fires on the first occurrence in one period, and a quiet metric is not a failure. */
const ON_FIRST_OCCURRENCE = {
  threshold: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
};

/** Alarms an operator must hear about: a story that could not be published, a failing publisher or rebuild. */
export class PublisherAlarms extends Construct {
  readonly deadLetters: cloudwatch.Alarm;
  readonly errors: cloudwatch.Alarm;
  readonly rebuildErrors: cloudwatch.Alarm;
  readonly invalidationFailed: cloudwatch.Alarm;
  /** Every alarm above, for the dashboard. */
  readonly all: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: PublisherAlarmsProps) {
    super(scope, id);
    // One message is enough: each is a story change that failed five times and is not in the feeds.
    this.deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'wirefeed: story changes in the dead-letter queue were not published; see docs/deploy.md',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      ...ON_FIRST_OCCURRENCE,
    });
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription: 'wirefeed: the publisher function failed (an invocation threw or timed out)',
      metric: props.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      ...ON_FIRST_OCCURRENCE,
    });
    // A rebuild that stopped (a racing publish, a story changed meanwhile, the timeout) left the site
    // as the publishes made it: nothing is lost, but it did not converge and must be run again.
    // Executions, not the rebuilder's errors: a child retried to success is no failure, and a run
    // that timed out threw nothing. One stopped by hand (aborted) was meant.
    const rebuildPeriod = { period: Duration.minutes(15), statistic: 'Sum' };
    this.rebuildErrors = new cloudwatch.Alarm(this, 'RebuildErrors', {
      alarmDescription: 'wirefeed: a full rebuild failed or stopped; run it again (see docs/deploy.md)',
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
        usingMetrics: { failed: props.rebuild.metricFailed(rebuildPeriod), timedOut: props.rebuild.metricTimedOut(rebuildPeriod) },
        label: 'Rebuilds failed or timed out',
        period: rebuildPeriod.period,
      }),
      ...ON_FIRST_OCCURRENCE,
    });
    // A failed invalidation does not fail the record (the story is published), so only this metric
    // tells that readers keep seeing the old feed until its max-age runs out.
    this.invalidationFailed = new cloudwatch.Alarm(this, 'InvalidationFailed', {
      alarmDescription: 'wirefeed: a CloudFront invalidation failed; readers see the old feeds until their max-age (see docs/deploy.md)',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: METRIC_NAMES.invalidationFailed,
        dimensionsMap: { service: SERVICES.publish },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      ...ON_FIRST_OCCURRENCE,
    });
    this.all = [this.deadLetters, this.errors, this.rebuildErrors, this.invalidationFailed];
    // The OK notice too: whoever was paged learns the story went out or the rebuild went through.
    const notify = new actions.SnsAction(props.topic);
    for (const alarm of this.all) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }
}
