import { isSwitchOn } from './env-switch.js';

/** The CloudWatch units wirefeed's metrics use. */
export type MetricUnit = 'Count' | 'Milliseconds';

/** CloudWatch takes at most 100 values of one metric, and 100 metrics, in one EMF line. */
const MAX_VALUES = 100;

/**
 * An invocation's metrics, written as one CloudWatch embedded-metric-format (EMF) log line under
 * the `service` dimension, the line Powertools Metrics wrote for the same calls (a metric added
 * several times holds an array). Hand-written because the publisher needs nothing else of it:
 * Powertools Metrics was 12 KB of each Lambda bundle. Like Powertools, it reads its switches when
 * made: `POWERTOOLS_DEV` prints through `console.log` and turns metrics off, unless
 * `POWERTOOLS_METRICS_DISABLED` says otherwise; outside dev mode the line goes to stdout itself,
 * not through the Lambda runtime's console, which would wrap it in its own JSON log record.
 */
export class EmfMetrics {
  private readonly values = new Map<string, { unit: MetricUnit; values: number[] }>();
  private readonly dev = isSwitchOn(process.env.POWERTOOLS_DEV);
  private readonly disabled = process.env.POWERTOOLS_METRICS_DISABLED === undefined ? this.dev : isSwitchOn(process.env.POWERTOOLS_METRICS_DISABLED);

  constructor(
    private readonly namespace: string,
    private readonly service: string,
  ) {}

  addMetric(name: string, unit: MetricUnit, value: number): void {
    if (!this.values.has(name) && this.values.size === MAX_VALUES) this.publishStoredMetrics();
    const metric = this.values.get(name) ?? { unit, values: [] };
    metric.values.push(value);
    this.values.set(name, metric);
    if (metric.values.length === MAX_VALUES) this.publishStoredMetrics();
  }

  /** Writes the stored metrics as one line, if there are any, and forgets them. */
  publishStoredMetrics(): void {
    if (this.values.size === 0) return;
    const line: Record<string, unknown> = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: this.namespace, Dimensions: [['service']], Metrics: [...this.values].map(([name, { unit }]) => ({ Name: name, Unit: unit })) }],
      },
      service: this.service,
    };
    for (const [name, { values }] of this.values) line[name] = values.length === 1 ? values[0] : values;
    this.values.clear();
    if (this.disabled) return;
    const text = JSON.stringify(line);
    if (this.dev) console.log(text);
    else process.stdout.write(`${text}\n`);
  }
}
