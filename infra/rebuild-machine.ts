import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge, nagArnToken } from './acknowledge.js';
import { REBUILDER_TIMEOUT } from './publisher.js';

/** A construct's CloudFormation logical id, as cdk-nag writes a `Ref` to it inside a finding id. */
function nagLogicalId(construct: Construct): string {
  return nagArnToken(construct).slice(1, -'.Arn>'.length);
}

/**
 * Story files one scan child reads: at ~8 ms of CPU a story (docs/deploy.md) about 8 s, far inside
 * the rebuilder's timeout, and its facts (a few hundred bytes a story) one object of ~0.5 MB.
 */
export const SCAN_BATCH = 1000;

/**
 * Where bulk imports are uploaded in the content bucket (functions/adapters/s3-content.ts): the
 * notification matches `stories/` only, the rebuild scans both and moves these files to `stories/`
 * last (docs/decisions/005, "Bulk import").
 */
export const IMPORT_PREFIX = 'import/';

/**
 * Import files one move child copies to `stories/` and deletes: two requests each, 8 at a time
 * (~25 ms in-region), about 6 s a batch.
 */
export const MOVE_BATCH = 1000;

/**
 * Children of each map (scan, render, archive pages, records, sweep, move) at once. A new account's Lambda concurrency quota is 10,
 * shared with the publisher (2 at most from its queue) and the release schedule: 8 leaves them room.
 */
export const MAP_CONCURRENCY = 8;

/**
 * Stories in one time partition of the order step: consecutive in feed order, what one render child
 * will take (docs/decisions/005, step 3). At ~20 ms of CPU a story into an empty site
 * (docs/performance.md §7), ~40 s a child; 500 partitions for a million stories.
 */
export const RENDER_PARTITION = 2000;

/**
 * Items of the closed archive pages one archive-page child writes (docs/decisions/005, step 5): each
 * item is one read of `_wirefeed/items/…`, and its page's files are rendered from it; about as many
 * as a render child's stories. The cut step groups whole pages up to this.
 */
export const ARCHIVE_BATCH_ITEMS = 2000;

/** A rebuild that has not finished in this time is stopped, and counts as failed. */
export const REBUILD_MACHINE_TIMEOUT = Duration.hours(2);

/**
 * A step waits for its invocation a minute longer than the rebuilder may run, so a step fails with
 * the function's own timeout error, not the state's (a Task state has no limit by default, and
 * interpreters assume one of their own).
 */
const STEP_TIMEOUT = sfn.Timeout.duration(REBUILDER_TIMEOUT.plus(Duration.minutes(1)));

/**
 * The instant every step judges by (embargoes, the sitemap's two days, a section's name): the
 * execution's start, passed in each step's payload, so steps minutes apart still agree.
 */
const NOW = sfn.JsonPath.stringAt('$$.Execution.StartTime');

/**
 * A Distributed Map running one rebuilder child per item of `itemsPath` (a render partition, a batch
 * of archive pages), each with the run and the execution's instant. A child that meets a publish
 * which won a write (RebuildConflictError) is not retried: only a new run helps. An S3 or Lambda
 * hiccup is retried; the child writes the same objects again, unchanged ones not at all.
 */
function mapOfChildren(
  scope: Construct,
  rebuilder: lambda.IFunction,
  { mapId, mapState, childId, childState, wirefeed, item, itemsPath, resultPath = sfn.JsonPath.DISCARD }: { mapId: string; mapState: string; childId: string; childState: string; wirefeed: string; item: string; itemsPath: string; resultPath?: string },
): sfn.DistributedMap {
  const child = new tasks.LambdaInvoke(scope, childId, {
    stateName: childState,
    lambdaFunction: rebuilder,
    payload: sfn.TaskInput.fromObject({ wirefeed, run: sfn.JsonPath.stringAt('$.run'), [item]: sfn.JsonPath.numberAt(`$.${item}`), now: sfn.JsonPath.stringAt('$.now') }),
    outputPath: '$.Payload',
    taskTimeout: STEP_TIMEOUT,
  });
  child.addRetry({ errors: ['RebuildConflictError'], maxAttempts: 0 });
  child.addRetry({ errors: [sfn.Errors.TASKS_FAILED, sfn.Errors.TIMEOUT], maxAttempts: 2, interval: Duration.seconds(5), backoffRate: 2 });
  const map = new sfn.DistributedMap(scope, mapId, {
    stateName: mapState,
    itemsPath,
    itemSelector: { [item]: sfn.JsonPath.numberAt(`$$.Map.Item.Value.${item}`), run: sfn.JsonPath.executionName, now: NOW },
    maxConcurrency: MAP_CONCURRENCY,
    toleratedFailurePercentage: 0,
    resultPath,
  });
  map.itemProcessor(child);
  return map;
}

/** Names of the states, as the local run binds the handler to them (test/pipeline/rebuild-machine.test.ts). */
export const REBUILD_STATES = {
  scan: 'Scan stories',
  scanBatch: 'Scan a batch',
  scanImports: 'Scan imports',
  scanImportBatch: 'Scan a batch of imports',
  order: 'Order stories',
  render: 'Render stories',
  renderPartition: 'Render a partition',
  cut: 'Cut archive pages',
  pages: 'Write archive pages',
  pageBatch: 'Write a page batch',
  records: 'Write records',
  recordPartition: 'Write records of a partition',
  finish: 'Finish rebuild',
  sweep: 'Sweep stale files',
  sweepShard: 'Sweep a shard',
  close: 'Close rebuild',
  moveImports: 'Move imports',
  moveBatch: 'Move a batch of imports',
} as const;

/** What the machine runs and reads. */
export interface RebuildMachineProps {
  /** The rebuilder function (infra/publisher.ts): the rebuild steps, functions/handlers/rebuild-step.ts. */
  rebuilder: lambda.IFunction;
  content: s3.IBucket;
  /** Disposable stage: the log group goes with the stack. */
  disposable: boolean;
}

/**
 * The full rebuild (docs/decisions/005-distributed-rebuild.md): a Distributed Map reads the
 * listing of `stories/` in the content bucket and scans it in batches, each child writing its facts
 * under `_wirefeed/rebuild/<execution name>/`; one task orders them into time partitions there; a
 * second Distributed Map renders each partition's stories (pages, items, photos); one task cuts
 * the feeds' archive pages from the items' sizes they stored, a third Distributed Map writes those
 * pages in batches, a fourth writes each partition's records and claims; then one task builds the
 * windows and heads, a fifth map deletes the stale files shard by shard, and one task closes the run.
 * `import/` (a bulk import, which raises no notification) is scanned after `stories/` as the story
 * files it becomes, and moved there by a map after the sweep.
 * Started by the nightly schedule or by hand (`aws stepfunctions start-execution`).
 */
export class RebuildMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RebuildMachineProps) {
    super(scope, id);
    const { rebuilder, content } = props;

    const scanOf = (id: string, mapState: string, childState: string, prefix: string) => {
      const scanBatch = new tasks.LambdaInvoke(this, `${id}Batch`, {
        stateName: childState,
        lambdaFunction: rebuilder,
        payload: sfn.TaskInput.fromObject({
          wirefeed: 'rebuild-scan',
          run: sfn.JsonPath.stringAt('$.Items[0].run'),
          keys: sfn.JsonPath.listAt('$.Items[*].key'),
          now: sfn.JsonPath.stringAt('$.Items[0].now'),
        }),
        outputPath: '$.Payload',
        taskTimeout: STEP_TIMEOUT,
      });
      // A child's failure is an S3 or Lambda hiccup (a refused story is data, not an error): retried
      // before it fails the map and with it the run.
      scanBatch.addRetry({ errors: [sfn.Errors.TASKS_FAILED, sfn.Errors.TIMEOUT], maxAttempts: 2, interval: Duration.seconds(5), backoffRate: 2 });

      const scan = new sfn.DistributedMap(this, id, {
        stateName: mapState,
        itemReader: new sfn.S3ObjectsItemReader({ bucket: content, prefix }),
        // Each listed object as its key and the run's name: a child execution has its own name, and
        // BatchInput takes only fixed values. ItemSelector applies per object, before batching.
        itemSelector: { key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'), run: sfn.JsonPath.executionName, now: NOW },
        itemBatcher: new sfn.ItemBatcher({ maxItemsPerBatch: SCAN_BATCH }),
        maxConcurrency: MAP_CONCURRENCY,
        // Any child that failed after its retries leaves stories unscanned: the rebuild must not finish.
        toleratedFailurePercentage: 0,
        // The children's counts would grow with the archive toward the 256 KiB payload limit; their facts are in S3.
        resultPath: sfn.JsonPath.DISCARD,
      });
      return scan.itemProcessor(scanBatch);
    };
    const scan = scanOf('Scan', REBUILD_STATES.scan, REBUILD_STATES.scanBatch, 'stories/');
    // A bulk import, scanned as the story files it becomes (an empty prefix is one listing, no child).
    const scanImports = scanOf('ScanImports', REBUILD_STATES.scanImports, REBUILD_STATES.scanImportBatch, IMPORT_PREFIX);

    // The archive in feed order, cut into time partitions (scratch objects); its answer lists them.
    const order = new tasks.LambdaInvoke(this, 'Order', {
      stateName: REBUILD_STATES.order,
      lambdaFunction: rebuilder,
      payload: sfn.TaskInput.fromObject({ wirefeed: 'rebuild-order', run: sfn.JsonPath.executionName, partitionStories: RENDER_PARTITION, now: NOW }),
      resultSelector: { 'partitions.$': '$.Payload.partitions', 'imported.$': '$.Payload.imported' },
      resultPath: '$.order',
      taskTimeout: STEP_TIMEOUT,
    });
    // It writes only the run's own scratch objects, the same ones again when run again.
    order.addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 1, interval: Duration.seconds(30) });

    // Every partition of the order, one child each; what they render is in S3 for the finish.
    const render = mapOfChildren(this, rebuilder, {
      mapId: 'Render',
      mapState: REBUILD_STATES.render,
      childId: 'RenderPartition',
      childState: REBUILD_STATES.renderPartition,
      wirefeed: 'rebuild-render',
      item: 'partition',
      itemsPath: '$.order.partitions',
    });

    // The feeds' archive pages cut from the sizes the render children stored; its answer lists the page batches.
    const cut = new tasks.LambdaInvoke(this, 'Cut', {
      stateName: REBUILD_STATES.cut,
      lambdaFunction: rebuilder,
      payload: sfn.TaskInput.fromObject({ wirefeed: 'rebuild-cut', run: sfn.JsonPath.executionName, partitions: sfn.JsonPath.listAt('$.order.partitions'), pageItems: ARCHIVE_BATCH_ITEMS, now: NOW }),
      resultSelector: { 'batches.$': '$.Payload.batches' },
      resultPath: '$.cut',
      taskTimeout: STEP_TIMEOUT,
    });
    // It writes only the run's own scratch objects, the same ones again when run again.
    cut.addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 1, interval: Duration.seconds(30) });

    // Every batch of closed pages, one child each, before any head links them.
    const pages = mapOfChildren(this, rebuilder, {
      mapId: 'Pages',
      mapState: REBUILD_STATES.pages,
      childId: 'PageBatch',
      childState: REBUILD_STATES.pageBatch,
      wirefeed: 'rebuild-pages',
      item: 'batch',
      itemsPath: '$.cut.batches',
    });

    // Every partition again, one child each: its stories' records (with the page the cut put each on) and their uris' claims.
    const records = mapOfChildren(this, rebuilder, {
      mapId: 'Records',
      mapState: REBUILD_STATES.records,
      childId: 'RecordPartition',
      childState: REBUILD_STATES.recordPartition,
      wirefeed: 'rebuild-records',
      item: 'partition',
      itemsPath: '$.order.partitions',
    });

    // The heads, last of what readers see; its answer lists the shards of the stale sweep.
    const finish = new tasks.LambdaInvoke(this, 'Finish', {
      stateName: REBUILD_STATES.finish,
      lambdaFunction: rebuilder,
      payload: sfn.TaskInput.fromObject({ wirefeed: 'rebuild-finish', run: sfn.JsonPath.executionName, now: NOW }),
      resultSelector: { 'shards.$': '$.Payload.shards', 'summary.$': '$.Payload.summary' },
      resultPath: '$.finish',
      taskTimeout: STEP_TIMEOUT,
    });
    // A publish that won (RebuildConflictError) means the scan is out of date: only a new run helps.
    // Anything else (an S3 failure part-way) is worth one more try, which skips what is already written.
    finish.addRetry({ errors: ['RebuildConflictError'], maxAttempts: 0 });
    finish.addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 1, interval: Duration.seconds(30) });

    // After the heads, so no head links a file it deletes: each shard of the site lists its keys and
    // deletes what no step of the run produced (and was there before the run: a publish's stays).
    const sweep = mapOfChildren(this, rebuilder, {
      mapId: 'Sweep',
      mapState: REBUILD_STATES.sweep,
      childId: 'SweepShard',
      childState: REBUILD_STATES.sweepShard,
      wirefeed: 'rebuild-sweep',
      item: 'shard',
      itemsPath: '$.finish.shards',
      // Each child's two counts: a few KB for a million stories' ~150 shards.
      resultPath: '$.swept',
    });

    // Once the heads are published and the stale files swept: every import file still listed is
    // copied to the story file it was published as and deleted, a batch a child. Each copy's
    // notification then finds its record already as it would write it. A rerun moves what a failed
    // run left.
    const moveBatch = new tasks.LambdaInvoke(this, 'MoveBatch', {
      stateName: REBUILD_STATES.moveBatch,
      lambdaFunction: rebuilder,
      payload: sfn.TaskInput.fromObject({ wirefeed: 'rebuild-move', files: sfn.JsonPath.listAt('$.Items') }),
      outputPath: '$.Payload',
      taskTimeout: STEP_TIMEOUT,
    });
    moveBatch.addRetry({ errors: [sfn.Errors.TASKS_FAILED, sfn.Errors.TIMEOUT], maxAttempts: 2, interval: Duration.seconds(5), backoffRate: 2 });
    const moveImports = new sfn.DistributedMap(this, 'MoveImports', {
      stateName: REBUILD_STATES.moveImports,
      itemReader: new sfn.S3ObjectsItemReader({ bucket: content, prefix: IMPORT_PREFIX }),
      itemSelector: { key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'), etag: sfn.JsonPath.stringAt('$$.Map.Item.Value.Etag') },
      itemBatcher: new sfn.ItemBatcher({ maxItemsPerBatch: MOVE_BATCH }),
      maxConcurrency: MAP_CONCURRENCY,
      toleratedFailurePercentage: 0,
      // The close answers the execution's output.
      resultPath: sfn.JsonPath.DISCARD,
    });
    moveImports.itemProcessor(moveBatch);

    // The run's summary (the execution's output: the finish's, the sweep's counts, `imported`), its scratch removed.
    const close = new tasks.LambdaInvoke(this, 'Close', {
      stateName: REBUILD_STATES.close,
      lambdaFunction: rebuilder,
      payload: sfn.TaskInput.fromObject({ wirefeed: 'rebuild-close', run: sfn.JsonPath.executionName, summary: sfn.JsonPath.objectAt('$.finish.summary'), swept: sfn.JsonPath.listAt('$.swept'), imported: sfn.JsonPath.numberAt('$.order.imported') }),
      outputPath: '$.Payload',
      taskTimeout: STEP_TIMEOUT,
    });
    close.addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 1, interval: Duration.seconds(30) });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'Machine', {
      comment: 'wirefeed: full rebuild of the site and publisher state from every story',
      definitionBody: sfn.DefinitionBody.fromChainable(scan.next(scanImports).next(order).next(render).next(cut).next(pages).next(records).next(finish).next(sweep).next(moveImports).next(close)),
      timeout: REBUILD_MACHINE_TIMEOUT,
      tracingEnabled: true,
      // Every state's events, without their data: inputs and outputs are keys and counts, but a
      // story key can still name an embargoed story.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    // The Distributed Map's own grant (CDK): its children are executions of this state machine.
    const machineId = nagLogicalId(this.stateMachine);
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
    acknowledge(
      this.stateMachine,
      [`${executions}:*`, `${executions}/*:*`].map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          "CDK's DistributedMap grant: describe, stop and redrive the child executions of this one state machine (their names are generated at run time); no other state machine's.",
      })),
    );
    const role = this.stateMachine.role;
    acknowledge(role, [
      {
        id: `AwsSolutions-IAM5[Resource::${nagArnToken(rebuilder)}:*]`,
        reason: "CDK's LambdaInvoke grant covers the rebuilder and its versions/aliases (`<arn>:*`); the wildcard never reaches another function.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Step Functions delivers execution logs and X-Ray traces through account-level APIs (logs:CreateLogDelivery, logs:DescribeLogGroups…, xray:PutTraceSegments…) that accept no resource ARN (AWS documentation, "IAM policies for using logs / X-Ray in Step Functions").',
      },
    ]);
  }
}
