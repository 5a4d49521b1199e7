import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICES } from '../../functions/handlers/publish-metrics.js';
import { Site, story, useHarness } from './harness.js';

/** One embedded-metric-format line as Powertools prints it: `_aws` metadata, dimensions and values side by side. */
interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  service: string;
  [metric: string]: unknown;
}

/** The metric lines the handler printed while `run` ran (Powertools prints them through console.log in dev mode). */
async function emittedMetrics(run: () => Promise<unknown>): Promise<EmfLine[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Partial<EmfLine>;
      return parsed._aws ? [parsed as EmfLine] : [];
    } catch {
      return [];
    }
  });
}

/** Every value of `name` across the lines (EMF holds a number, or an array when one was added several times). */
const valuesOf = (lines: EmfLine[], name: string): number[] => lines.flatMap((line) => (line[name] === undefined ? [] : [line[name] as number | number[]].flat()));

const ENV = ['POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'] as const;
const saved = ENV.map((name) => [name, process.env[name]] as const);
beforeAll(() => {
  // The harness runs Powertools in dev mode, which turns metrics off; these tests read them. The
  // log lines are other tests' business.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  delete process.env.POWERTOOLS_SERVICE_NAME;
});
afterAll(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
// Started after the settings above are in place, and (hooks after a file's tests run last first)
// stopped before they are put back.
const harness = useHarness();

describe('publisher metrics, as the dashboard reads them', () => {
  it('reports the end-to-end lag from the S3 event time to the feeds written, measured in the handler', async () => {
    // Given a story change S3 notified 90 s ago (it waited in the queue)
    const site = await new Site(harness, 'lag').create();
    const key = await site.putStory('a', story(1));
    const eventTime = new Date(Date.now() - 90_000);
    // When the publisher handles it
    const before = Date.now();
    const lines = await emittedMetrics(() => site.publishAt(eventTime, key));
    const after = Date.now();
    // Then one lag value is reported, between the event and the end of the invocation
    const [lag, ...more] = valuesOf(lines, METRIC_NAMES.lag);
    expect(more).toEqual([]);
    expect(lag).toBeGreaterThanOrEqual(before - eventTime.getTime());
    expect(lag).toBeLessThanOrEqual(after - eventTime.getTime());
    expect(valuesOf(lines, METRIC_NAMES.published)).toEqual([1]);
    // In the namespace and under the service dimension the dashboard reads
    const line = lines.find((candidate) => candidate[METRIC_NAMES.lag] !== undefined)!;
    expect(line.service).toBe(SERVICES.publish);
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRICS_NAMESPACE, Dimensions: [['service']] });
    expect(line._aws.CloudWatchMetrics[0]?.Metrics).toContainEqual({ Name: METRIC_NAMES.lag, Unit: 'Milliseconds' });
    await expect(site.read('feed.json')).resolves.toContain('Story 1');
  });

  it('reports a lag for a removal, and none for a held or a rejected story, which wrote no feed', async () => {
    // Given a published story, an embargoed one and a broken one
    const site = await new Site(harness, 'no-lag').create();
    const published = await site.putStory('a', story(1));
    await site.publish(published);
    const held = await site.putStory('b', story(2, { embargoed: '2999-01-01T00:00:00Z' }));
    const broken = await site.putStory('c', '{"uri": ');
    const eventTime = new Date(Date.now() - 1000);
    // When the held and broken ones are handled
    const heldAndBroken = await emittedMetrics(() => site.publishAt(eventTime, held, broken));
    // Then they are counted, with no lag
    expect(valuesOf(heldAndBroken, METRIC_NAMES.held)).toEqual([1]);
    expect(valuesOf(heldAndBroken, METRIC_NAMES.rejected)).toEqual([1]);
    expect(valuesOf(heldAndBroken, METRIC_NAMES.lag)).toEqual([]);
    // When the published one is deleted
    await site.deleteStory('a');
    const removal = await emittedMetrics(() => site.publishAt(eventTime, published));
    // Then the removal took its feeds with it, and its lag counts
    expect(valuesOf(removal, METRIC_NAMES.removed)).toEqual([1]);
    expect(valuesOf(removal, METRIC_NAMES.lag)).toHaveLength(1);
    expect(await site.feedIds()).toEqual([]);
  });

  it('counts the state writes another publisher committed first, per invocation', async () => {
    // Given a published story, and a main window whose next commit loses to another publisher once
    const site = await new Site(harness, 'conflicts').create();
    await site.publish(await site.putStory('a', story(1)));
    const b = await site.putStory('b', story(2));
    const main = `/${site.siteBucket}/_wirefeed/windows/main.json`;
    harness.proxy.inject({ match: (r) => r.method === 'PUT' && r.path === main, reply: { status: 412, code: 'PreconditionFailed' }, times: 1 });
    // When the publisher handles the new story
    const contended = await emittedMetrics(() => site.publish(b));
    // Then the redone write is counted once, and the story is out
    expect(valuesOf(contended, METRIC_NAMES.stateConflicts)).toEqual([1]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    // And an invocation that met no other publisher counts none
    const c = await site.putStory('c', story(3));
    const quiet = await emittedMetrics(() => site.publish(c));
    expect(valuesOf(quiet, METRIC_NAMES.stateConflicts)).toEqual([0]);
  });

  it('counts a rebuild under the rebuilder service, apart from the publishes', async () => {
    // Given the rebuilder's entry point loaded as the rebuilder function loads it (its own POWERTOOLS_SERVICE_NAME)
    process.env.POWERTOOLS_SERVICE_NAME = SERVICES.rebuild;
    vi.resetModules();
    const { handler: rebuildStep } = await import('../../functions/handlers/rebuild-step.js');
    delete process.env.POWERTOOLS_SERVICE_NAME;
    const site = await new Site({ ...harness, rebuildStep }, 'rebuild').create();
    await site.putStory('a', story(1));
    await site.putStory('b', story(2));
    // When it rebuilds
    const lines = await emittedMetrics(() => site.command('rebuild'));
    // Then its two publishes are the rebuilder's, and no line is the publisher's
    expect(lines.map((line) => line.service)).toEqual(lines.map(() => SERVICES.rebuild));
    expect(valuesOf(lines, METRIC_NAMES.published)).toEqual([2]);
  });
});
