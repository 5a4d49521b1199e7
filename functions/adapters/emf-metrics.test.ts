import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmfMetrics } from './emf-metrics.js';

const SWITCHES = ['POWERTOOLS_DEV', 'POWERTOOLS_METRICS_DISABLED'] as const;
const saved = SWITCHES.map((name) => [name, process.env[name]] as const);

let printed: string[];
let written: string[];
beforeEach(() => {
  for (const name of SWITCHES) delete process.env[name];
  printed = [];
  written = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('EmfMetrics', () => {
  it('writes one EMF line to stdout: namespace, service dimension, a value or the values of each metric', () => {
    const metrics = new EmfMetrics('wirefeed', 'wirefeed-publish');
    metrics.addMetric('StoriesPublished', 'Count', 1);
    metrics.addMetric('PublishLag', 'Milliseconds', 120);
    metrics.addMetric('StoriesPublished', 'Count', 1);
    metrics.publishStoredMetrics();
    expect(printed).toEqual([]);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\n$/);
    const line = JSON.parse(written[0]!) as Record<string, unknown> & { _aws: { Timestamp: number } };
    expect(line).toEqual({
      _aws: {
        Timestamp: line._aws.Timestamp,
        CloudWatchMetrics: [
          {
            Namespace: 'wirefeed',
            Dimensions: [['service']],
            Metrics: [
              { Name: 'StoriesPublished', Unit: 'Count' },
              { Name: 'PublishLag', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      service: 'wirefeed-publish',
      StoriesPublished: [1, 1],
      PublishLag: 120,
    });
    expect(Math.abs(line._aws.Timestamp - Date.now())).toBeLessThan(60_000);
  });

  it('forgets what it published, and writes nothing when nothing was added', () => {
    const metrics = new EmfMetrics('wirefeed', 'wirefeed-publish');
    metrics.addMetric('StoriesHeld', 'Count', 1);
    metrics.publishStoredMetrics();
    metrics.publishStoredMetrics();
    metrics.addMetric('StoriesRemoved', 'Count', 1);
    metrics.publishStoredMetrics();
    expect(written.map((text) => Object.keys(JSON.parse(text) as object))).toEqual([
      ['_aws', 'service', 'StoriesHeld'],
      ['_aws', 'service', 'StoriesRemoved'],
    ]);
  });

  it('starts a new line at CloudWatch’s 100 values of one metric', () => {
    const metrics = new EmfMetrics('wirefeed', 'wirefeed-rebuild');
    for (let value = 0; value < 101; value++) metrics.addMetric('PublishLag', 'Milliseconds', value);
    metrics.publishStoredMetrics();
    const values = written.map((text) => (JSON.parse(text) as { PublishLag: number | number[] }).PublishLag);
    expect(values.map((value) => [value].flat().length)).toEqual([100, 1]);
  });

  it('prints through console.log in dev mode only when metrics are switched back on, as Powertools does', () => {
    process.env.POWERTOOLS_DEV = 'true';
    const off = new EmfMetrics('wirefeed', 'wirefeed-publish');
    off.addMetric('StoriesPublished', 'Count', 1);
    off.publishStoredMetrics();
    expect(printed).toEqual([]);
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const on = new EmfMetrics('wirefeed', 'wirefeed-publish');
    on.addMetric('StoriesPublished', 'Count', 1);
    on.publishStoredMetrics();
    expect(printed).toHaveLength(1);
    expect(written).toEqual([]);
  });

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is set outside dev mode', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = '1';
    const metrics = new EmfMetrics('wirefeed', 'wirefeed-publish');
    metrics.addMetric('StoriesPublished', 'Count', 1);
    metrics.publishStoredMetrics();
    expect([...printed, ...written]).toEqual([]);
  });
});
