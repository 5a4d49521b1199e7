import { S3_STATE_KEYS } from '../functions/adapters/s3-state-layout.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REBUILDER_TIMEOUT } from './publisher.js';
import { ARCHIVE_BATCH_ITEMS, IMPORT_PREFIX, MOVE_BATCH, REBUILD_MACHINE_TIMEOUT, REBUILD_STATES, RENDER_PARTITION, SCAN_BATCH, MAP_CONCURRENCY } from './rebuild-machine.js';
import { arnOf, logicalId, stateMachineDefinition, synthFeedStack, type SynthesizedStack } from './test-stack.js';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthFeedStack();
});
afterAll(() => synth?.dispose());

describe('rebuild state machine', () => {
  it('scans the listing of stories/, then of import/, on Distributed Maps in batches, orders the stories into partitions, renders them on a map, cuts the archive pages, writes them on a map, the records on another, writes the heads in one task, sweeps on a map, moves the imports on another and closes', () => {
    const { template, stack } = synth;
    const definition = stateMachineDefinition(template, stack.rebuild.stateMachine) as { StartAt: string; TimeoutSeconds: number; States: Record<string, Record<string, unknown>> };
    const rebuilder = `arn:${logicalId(stack.publisher.rebuilder)}`;
    expect(definition.StartAt).toBe(REBUILD_STATES.scan);
    expect(definition.TimeoutSeconds).toBe(REBUILD_MACHINE_TIMEOUT.toSeconds());
    const scan = definition.States[REBUILD_STATES.scan]!;
    expect(scan).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: `ref:${logicalId(stack.storage.content)}`, Prefix: 'stories/' } },
      ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'run.$': '$$.Execution.Name', 'now.$': '$$.Execution.StartTime' },
      ItemBatcher: { MaxItemsPerBatch: SCAN_BATCH },
      MaxConcurrency: MAP_CONCURRENCY,
      // The children's answers are not carried: their facts are in S3
      ResultPath: null,
      Next: REBUILD_STATES.scanImports,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: REBUILD_STATES.scanBatch },
    });
    // The imports are scanned the same way, by the same step, from their own prefix
    const scanImports = definition.States[REBUILD_STATES.scanImports]!;
    expect(scanImports).toMatchObject({
      ...scan,
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: `ref:${logicalId(stack.storage.content)}`, Prefix: IMPORT_PREFIX } },
      Next: REBUILD_STATES.order,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: REBUILD_STATES.scanImportBatch,
        States: { [REBUILD_STATES.scanImportBatch]: (scan.ItemProcessor as { States: Record<string, unknown> }).States[REBUILD_STATES.scanBatch] },
      },
    });
    // No failure is tolerated: a batch not scanned would be a story missing from the site
    expect(scan.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(scan.ToleratedFailureCount ?? 0).toBe(0);
    const child = (scan.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States[REBUILD_STATES.scanBatch]!;
    expect(child).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-scan', 'run.$': '$.Items[0].run', 'keys.$': '$.Items[*].key', 'now.$': '$.Items[0].now' } },
      OutputPath: '$.Payload',
      // Longer than the rebuilder's own timeout, so that one decides
      TimeoutSeconds: REBUILDER_TIMEOUT.toSeconds() + 60,
    });
    expect(child.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], MaxAttempts: 2 })]));
    // The order's answer is only the partitions' list, kept for the steps after it
    const order = definition.States[REBUILD_STATES.order]!;
    expect(order).toMatchObject({
      Type: 'Task',
      Next: REBUILD_STATES.render,
      TimeoutSeconds: REBUILDER_TIMEOUT.toSeconds() + 60,
      Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-order', 'run.$': '$$.Execution.Name', partitionStories: RENDER_PARTITION, 'now.$': '$$.Execution.StartTime' } },
      ResultSelector: { 'partitions.$': '$.Payload.partitions', 'imported.$': '$.Payload.imported' },
      ResultPath: '$.order',
    });
    expect(order.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1 })]));
    // Each partition of the order in a child of its own, none tolerated to fail
    expectMapOfChildren(definition, rebuilder, { map: REBUILD_STATES.render, child: REBUILD_STATES.renderPartition, itemsPath: '$.order.partitions', item: 'partition', wirefeed: 'rebuild-render', next: REBUILD_STATES.cut });
    // The archive pages cut from the rendered partitions' sizes, its answer only the page batches
    const cut = definition.States[REBUILD_STATES.cut]!;
    expect(cut).toMatchObject({
      Type: 'Task',
      Next: REBUILD_STATES.pages,
      TimeoutSeconds: REBUILDER_TIMEOUT.toSeconds() + 60,
      Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-cut', 'run.$': '$$.Execution.Name', 'partitions.$': '$.order.partitions', pageItems: ARCHIVE_BATCH_ITEMS, 'now.$': '$$.Execution.StartTime' } },
      ResultSelector: { 'batches.$': '$.Payload.batches' },
      ResultPath: '$.cut',
    });
    // Each batch of closed pages in a child of its own, none tolerated to fail, all before the heads
    expectMapOfChildren(definition, rebuilder, { map: REBUILD_STATES.pages, child: REBUILD_STATES.pageBatch, itemsPath: '$.cut.batches', item: 'batch', wirefeed: 'rebuild-pages', next: REBUILD_STATES.records });
    // The records children take the render map's partitions again, once the pages their records name are written
    expectMapOfChildren(definition, rebuilder, { map: REBUILD_STATES.records, child: REBUILD_STATES.recordPartition, itemsPath: '$.order.partitions', item: 'partition', wirefeed: 'rebuild-records', next: REBUILD_STATES.finish });
    // The heads, whose answer is only the sweep's shards
    const finish = definition.States[REBUILD_STATES.finish]!;
    expect(finish).toMatchObject({
      Type: 'Task',
      Next: REBUILD_STATES.sweep,
      TimeoutSeconds: REBUILDER_TIMEOUT.toSeconds() + 60,
      Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-finish', 'run.$': '$$.Execution.Name', 'now.$': '$$.Execution.StartTime' } },
      ResultSelector: { 'shards.$': '$.Payload.shards', 'summary.$': '$.Payload.summary' },
      ResultPath: '$.finish',
    });
    // After the sweep: the listing of import/ again, in batches, each moved by a child; its results dropped (the close answers)
    const move = definition.States[REBUILD_STATES.moveImports]!;
    expect(move).toMatchObject({
      Type: 'Map',
      Next: REBUILD_STATES.close,
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: `ref:${logicalId(stack.storage.content)}`, Prefix: IMPORT_PREFIX } },
      ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'etag.$': '$$.Map.Item.Value.Etag' },
      ItemBatcher: { MaxItemsPerBatch: MOVE_BATCH },
      MaxConcurrency: MAP_CONCURRENCY,
      ResultPath: null,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: REBUILD_STATES.moveBatch },
    });
    expect(move.ToleratedFailurePercentage ?? 0).toBe(0);
    const mover = (move.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States[REBUILD_STATES.moveBatch]!;
    expect(mover).toMatchObject({ Type: 'Task', Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-move', 'files.$': '$.Items' } }, OutputPath: '$.Payload' });
    expect(mover.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], MaxAttempts: 2 })]));
    // A publish that won is not retried (the scan is out of date); another failure is, once
    const retries = finish.Retry as Array<{ ErrorEquals: string[]; MaxAttempts: number }>;
    const conflict = retries.findIndex((retry) => retry.ErrorEquals.includes('RebuildConflictError'));
    const failed = retries.findIndex((retry) => retry.ErrorEquals.includes('States.TaskFailed'));
    expect(retries[conflict]?.MaxAttempts).toBe(0);
    expect(conflict).toBeLessThan(failed);
    expect(retries[failed]?.MaxAttempts).toBe(1);
    // The stale sweep after the heads, a shard a child, none tolerated to fail; then the move; then the close, whose answer is the execution's
    expectMapOfChildren(definition, rebuilder, { map: REBUILD_STATES.sweep, child: REBUILD_STATES.sweepShard, itemsPath: '$.finish.shards', item: 'shard', wirefeed: 'rebuild-sweep', next: REBUILD_STATES.moveImports, resultPath: '$.swept' });
    expect(definition.States[REBUILD_STATES.close]).toMatchObject({
      Type: 'Task',
      End: true,
      OutputPath: '$.Payload',
      Parameters: { FunctionName: rebuilder, Payload: { wirefeed: 'rebuild-close', 'run.$': '$$.Execution.Name', 'summary.$': '$.finish.summary', 'swept.$': '$.swept', 'imported.$': '$.order.imported' } },
    });
  });

  it('logs every state and traces, and its role may only invoke the rebuilder, list the content bucket and run its own children', () => {
    const { template, stack } = synth;
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: arnOf(stack.rebuild.logGroup) } }] },
      TracingConfiguration: { Enabled: true },
    });
    const role = { Ref: logicalId(stack.rebuild.stateMachine.role) };
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [role] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('lambda:') || action.startsWith('s3:') || action.startsWith('states:')).sort()).toEqual([
      'lambda:InvokeFunction',
      's3:ListBucket',
      'states:DescribeExecution',
      'states:RedriveExecution',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    expect(statements.find((statement) => statement.Action === 's3:ListBucket')?.Resource).toEqual(arnOf(stack.storage.content));
    expect(statements.find((statement) => statement.Action === 'lambda:InvokeFunction')?.Resource).toEqual([arnOf(stack.publisher.rebuilder), { 'Fn::Join': ['', [arnOf(stack.publisher.rebuilder), ':*']] }]);
    expect(statements.find((statement) => statement.Action === 'states:StartExecution')?.Resource).toEqual({ Ref: logicalId(stack.rebuild.stateMachine) });
  });

  it('expires what a failed run left in the site bucket after a week', () => {
    const { template, stack } = synth;
    const site = template.toJSON().Resources[logicalId(stack.storage.site)] as { Properties: { LifecycleConfiguration: { Rules: unknown[] } } };
    expect(site.Properties.LifecycleConfiguration.Rules).toContainEqual({ Id: 'expire-rebuild-runs', Prefix: S3_STATE_KEYS.rebuildRuns, ExpirationInDays: 7, Status: 'Enabled' });
    expect(S3_STATE_KEYS.rebuildRuns).toBe('_wirefeed/rebuild/');
  });
});

/**
 * A Distributed Map running one rebuilder child per item (render and records partitions, archive-page batches):
 * none tolerated to fail, each child given the run and the execution's instant, and a conflict not
 * retried, before any other failure is.
 */
function expectMapOfChildren(
  definition: { States: Record<string, Record<string, unknown>> },
  rebuilder: unknown,
  { map, child, itemsPath, item, wirefeed, next, resultPath = null }: { map: string; child: string; itemsPath: string; item: string; wirefeed: string; next: string; resultPath?: string | null },
): void {
  const state = definition.States[map]!;
  expect(state).toMatchObject({
    Type: 'Map',
    ItemsPath: itemsPath,
    ItemSelector: { [`${item}.$`]: `$$.Map.Item.Value.${item}`, 'run.$': '$$.Execution.Name', 'now.$': '$$.Execution.StartTime' },
    ResultPath: resultPath,
    Next: next,
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: child },
  });
  expect(state.ToleratedFailurePercentage ?? 0).toBe(0);
  const task = (state.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States[child]!;
  expect(task).toMatchObject({
    Type: 'Task',
    Parameters: { FunctionName: rebuilder, Payload: { wirefeed, 'run.$': '$.run', [`${item}.$`]: `$.${item}`, 'now.$': '$.now' } },
    OutputPath: '$.Payload',
    TimeoutSeconds: REBUILDER_TIMEOUT.toSeconds() + 60,
  });
  const retries = task.Retry as Array<{ ErrorEquals: string[]; MaxAttempts: number }>;
  const conflict = retries.findIndex((retry) => retry.ErrorEquals.includes('RebuildConflictError'));
  expect(retries[conflict]?.MaxAttempts).toBe(0);
  expect(conflict).toBeLessThan(retries.findIndex((retry) => retry.ErrorEquals.includes('States.TaskFailed')));
}
