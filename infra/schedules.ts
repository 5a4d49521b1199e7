import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledge, nagArnToken } from './acknowledge.js';

/** How often embargoed stories are checked for release; the worst-case release delay follows. */
export const RELEASE_EVERY = Duration.minutes(5);

/** The time-based work: release stories whose embargo passed (publisher), and, when asked for, a nightly full rebuild (the rebuild state machine). */
export class PublisherSchedules extends Construct {
  readonly release: scheduler.Schedule;
  readonly rebuild?: scheduler.Schedule;

  constructor(scope: Construct, id: string, targetsOf: { publisher: lambda.IFunction; rebuild: sfn.IStateMachine }, options: { dailyRebuild: boolean }) {
    const { publisher, rebuild } = targetsOf;
    super(scope, id);
    // One role for both schedules, ours so that its single finding can be suppressed where it is.
    const role = new iam.Role(this, 'Role', {
      description: 'wirefeed: EventBridge Scheduler invokes the publisher (and starts the rebuild)',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    this.release = new scheduler.Schedule(this, 'Release', {
      description: 'wirefeed: publish stories whose embargo has passed',
      schedule: scheduler.ScheduleExpression.rate(RELEASE_EVERY),
      target: new targets.LambdaInvoke(publisher, {
        input: scheduler.ScheduleTargetInput.fromObject({ wirefeed: 'release' }),
        // A release run older than the next one is pointless.
        maxEventAge: RELEASE_EVERY,
        retryAttempts: 2,
        role,
      }),
    });
    // Opt-in (context dailyRebuild): a full rebuild reads the whole archive.
    if (options.dailyRebuild) this.rebuild = new scheduler.Schedule(this, 'Rebuild', {
      description: 'wirefeed: daily full rebuild, so the site converges on the content bucket',
      // 03:17 UTC: off the hour, when news traffic is low in most of our partners' time zones.
      schedule: scheduler.ScheduleExpression.cron({ minute: '17', hour: '3' }),
      // Starting an execution is quick and its answer says only that it started: the run's own
      // failures are the RebuildErrors alarm's, not retries of the start.
      target: new targets.StepFunctionsStartExecution(rebuild, { input: scheduler.ScheduleTargetInput.fromObject({}), retryAttempts: 3, role }),
    });
    acknowledge(role, [
      {
        id: `AwsSolutions-IAM5[Resource::${nagArnToken(publisher)}:*]`,
        reason:
          "CDK's grantInvoke lets the scheduler invoke this one function and its versions/aliases (`<arn>:*`); the wildcard never reaches another function.",
      },
    ]);
  }
}
