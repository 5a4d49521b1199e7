/**
 * Runs a synthesized Step Functions definition with aws-local-stepfunctions (an ASL interpreter),
 * its Lambda tasks bound by state name to handler functions in this process.
 *
 * What the interpreter does not do (3.0.0, docs/deploy.md "Rebuild"), and how it is stood in for:
 * - It declares Node ≥ 22 and calls `Promise.withResolvers` (ES2024), which Node 20 lacks: the
 *   standard behaviour is installed when missing. Under Node 22 nothing is installed.
 * - A Distributed Map runs as an inline Map: `ItemReader`, `ItemBatcher` and `ResultWriter` are
 *   ignored. `distributedAsInline` replaces the reader by the same S3 listing read beforehand, runs
 *   the state's own `ItemSelector` through the interpreter, cuts the result into batches of
 *   `MaxItemsPerBatch` as `{ Items }`, and hands them to the map through `ItemsPath`.
 * - `$$.Execution.StartTime` is the start of the interpreter's own run, whatever the context
 *   given: the scan's items, selected by a run of their own before the machine's, carry that
 *   run's start, so only the steps after the scan share the machine's.
 */
import { StateMachine } from 'aws-local-stepfunctions';

if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>(this: PromiseConstructor) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new this<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise, resolve, reject };
    },
  });
}

type States = Record<string, Record<string, unknown>>;
/** An ASL definition, as `stateMachineDefinition` (infra/test-stack.ts) reads it from a template. */
export interface Definition {
  StartAt: string;
  States: States;
  [field: string]: unknown;
}

/** The context object's execution (`$$.Execution`): its name, and its start as every step's `now`. */
export type LocalExecution = { Name: string; StartTime: string };

/** A Lambda task's local stand-in: the invocation's Payload in, the function's answer out. */
export type LocalFunction = (payload: unknown) => Promise<unknown>;

/** Where the batches of a Distributed Map state go in the interpreter's input. */
export const BATCHES_FIELD = 'localBatches';

/**
 * The items a Distributed Map state's children receive, from the objects its S3 listing gives
 * (`listing`, as ListObjectsV2 `Contents`): its ItemSelector evaluated by the interpreter against
 * each object, batched by its ItemBatcher.
 */
export async function batchesOf(definition: Definition, mapState: string, listing: Array<{ Key: string }>, execution: LocalExecution, batchSize?: number): Promise<Array<{ Items: unknown[] }>> {
  const map = definition.States[mapState]!;
  const selector = map.ItemSelector as Record<string, unknown> | undefined;
  const selected = selector
    ? ((await new StateMachine({
        StartAt: 'Select',
        States: { Select: { Type: 'Map', ItemSelector: selector, ItemProcessor: { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } }, End: true } },
      } as never).run(listing, { context: { Execution: execution } }).result) as unknown[])
    : listing;
  // A smaller size than the deployed one gives a small archive several partitions.
  const size = batchSize ?? (map.ItemBatcher as { MaxItemsPerBatch?: number } | undefined)?.MaxItemsPerBatch;
  if (!size) throw new Error(`${mapState} has no ItemBatcher.MaxItemsPerBatch`);
  const batches: Array<{ Items: unknown[] }> = [];
  for (let at = 0; at < selected.length; at += size) batches.push({ Items: selected.slice(at, at + size) });
  return batches;
}

/**
 * The definition with `mapState` reading its batches from the input's `localBatches` (or `field`)
 * instead of S3. The field must reach the state: given as the execution's input, it is carried by
 * every state that keeps its input (a `ResultPath` of its own, no `OutputPath`).
 */
export function distributedAsInline(definition: Definition, mapState: string, field: string = BATCHES_FIELD): Definition {
  const { ItemReader: _reader, ItemBatcher: _batcher, ItemSelector: _selector, ResultWriter: _writer, ...map } = definition.States[mapState]!;
  return { ...definition, States: { ...definition.States, [mapState]: { ...map, ItemsPath: `$.${field}` } } };
}

/**
 * Runs `definition` with the given input, every `lambda:invoke` task named in `functions` answered
 * by its local function (as Lambda:Invoke answers: `{ Payload }`), retries without their waits.
 */
export async function runLocally(definition: Definition, input: Record<string, unknown>, functions: Record<string, LocalFunction>, execution: LocalExecution): Promise<unknown> {
  const overrides = Object.fromEntries(
    Object.entries(functions).map(([state, fn]) => [state, async (parameters: { Payload?: unknown }) => ({ Payload: await fn(parameters.Payload) })]),
  );
  const noWait = Object.fromEntries(Object.keys(functions).map((state) => [state, 0]));
  const machine = new StateMachine(definition as never, { validationOptions: { checkPaths: true, checkArn: false } as never });
  return machine.run(input as never, { overrides: { taskResourceLocalHandlers: overrides as never, retryIntervalOverrides: noWait }, context: { Execution: execution } }).result;
}
