import { isSwitchOn } from './env-switch.js';

/** The levels wirefeed logs at, and DEBUG, at which the logger says that sampling chose this container. */
type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Every level a switch may name, with Powertools' thresholds: a line prints when its level's is at least the setting's. */
const THRESHOLDS: Readonly<Record<string, number>> = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 };

/** Keys a line's own fields hold; an attribute of that name is dropped, with a warning. */
const RESERVED = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);

/**
 * The Lambdas' structured log: one JSON line per call, the line Powertools Logger (2.35) wrote for
 * the same calls — `level`, `message`, `timestamp`, `service`, `sampling_rate`, `xray_trace_id`, then
 * the attributes; an Error as `{ name, location, message, stack, cause, …its own fields }`; a bigint
 * as a string; a circular reference left out (null inside an array, where Powertools dropped the
 * element); a top-level attribute that is undefined, null or '' left out. The log queries of docs/deploy.md read these fields. Hand-written because wirefeed uses
 * nothing else of it (no Lambda-context keys, no buffering, no correlation ids): Powertools Logger
 * was 23 KB of each Lambda bundle.
 *
 * Like Powertools, it reads its switches when made: the level from Lambda's log-level setting
 * (`AWS_LAMBDA_LOG_LEVEL`), else `POWERTOOLS_LOG_LEVEL`, else `LOG_LEVEL`, else INFO; with
 * `POWERTOOLS_LOGGER_SAMPLE_RATE` (0 to 1, the `sampling_rate` field) that share of containers logs
 * from DEBUG on, unless Lambda sets the level, and says so. DEBUG and INFO go to stdout, WARN and ERROR to stderr, written
 * to the streams themselves rather than through the Lambda runtime's console, which would wrap each
 * line in its own JSON record; `POWERTOOLS_DEV` prints through `console.info`/`warn`/`error`
 * instead, indented, with each stack as an array of lines.
 */
export class JsonLogger {
  private readonly dev = isSwitchOn(process.env.POWERTOOLS_DEV);
  private readonly lambdaLevel = lambdaLevel(process.env);
  private threshold = THRESHOLDS[this.lambdaLevel ?? (process.env.POWERTOOLS_LOG_LEVEL?.trim() || process.env.LOG_LEVEL?.trim() || 'INFO')] ?? THRESHOLDS.INFO!;
  private readonly samplingRate = sampleRate(process.env.POWERTOOLS_LOGGER_SAMPLE_RATE);

  constructor(private readonly service: string) {
    if (this.samplingRate > 0 && Math.floor(Math.random() * 100) / 100 <= this.samplingRate && this.threshold > THRESHOLDS.TRACE!) {
      // Lambda's setting is not overridden: it drops lines below its level anyway.
      if (this.lambdaLevel === undefined) this.threshold = THRESHOLDS.DEBUG!;
      else if (this.threshold > THRESHOLDS.DEBUG!) this.warn(`Current log level (DEBUG) does not match AWS Lambda Advanced Logging Controls minimum log level (${this.lambdaLevel}). This can lead to data loss, consider adjusting them.`);
      this.log('DEBUG', 'Setting log level to DEBUG due to sampling rate');
    }
  }

  info(message: string, attributes?: Record<string, unknown>): void {
    this.log('INFO', message, attributes);
  }

  warn(message: string, attributes?: Record<string, unknown>): void {
    this.log('WARN', message, attributes);
  }

  error(message: string, attributes?: Record<string, unknown>): void {
    this.log('ERROR', message, attributes);
  }

  private log(level: LogLevel, message: string, attributes: Record<string, unknown> = {}): void {
    if (THRESHOLDS[level]! < this.threshold) return;
    const line: Record<string, unknown> = { level, message, timestamp: new Date().toISOString(), service: this.service, sampling_rate: this.samplingRate, xray_trace_id: traceId() };
    for (const [key, value] of Object.entries(attributes)) {
      if (RESERVED.has(key)) this.warn(`The key "${key}" is a reserved key and will be dropped.`);
      else line[key] = value;
    }
    for (const [key, value] of Object.entries(line)) if (value === undefined || value === null || value === '') delete line[key];
    const text = JSON.stringify(line, jsonReplacer(this.dev), this.dev ? 4 : undefined);
    if (this.dev) console[level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error'](text);
    else (level === 'DEBUG' || level === 'INFO' ? process.stdout : process.stderr).write(`${text}\n`);
  }
}

/** Lambda's log-level setting, if it names a level (its FATAL is Powertools' CRITICAL); it wins over Powertools' own switches. */
function lambdaLevel(env: NodeJS.ProcessEnv): string | undefined {
  const level = env.AWS_LAMBDA_LOG_LEVEL?.trim() === 'FATAL' ? 'CRITICAL' : env.AWS_LAMBDA_LOG_LEVEL?.trim();
  return level !== undefined && level in THRESHOLDS ? level : undefined;
}

function sampleRate(value: string | undefined): number {
  const rate = Number(value?.trim() || 0);
  return rate >= 0 && rate <= 1 ? rate : 0;
}

/** The X-Ray trace id (its Root) of the invocation, from the runtime's invoke store where there is one, else `_X_AMZN_TRACE_ID`. */
function traceId(): string | undefined {
  const runtime = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } }).awslambda?.InvokeStore;
  const header = runtime?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID?.trim() ?? '';
  if (header === '') return undefined;
  if (!header.includes('=')) return header;
  return header.split(';').find((field) => field.startsWith('Root='))?.slice('Root='.length);
}

/** Errors as their fields, bigints as strings, circular references left out. */
function jsonReplacer(dev: boolean): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key, value) {
    const replaced = value instanceof Error ? errorFields(value, dev) : value;
    if (typeof replaced === 'bigint') return replaced.toString();
    if (typeof replaced === 'object' && replaced !== null) {
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(replaced)) return undefined;
      ancestors.push(replaced);
    }
    return replaced;
  };
}

function errorFields(error: Error, dev: boolean): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const fields: Record<string, unknown> = {
    name,
    location: codeLocation(stack),
    message,
    stack: dev && typeof stack === 'string' ? stack.split('\n') : stack,
    cause: cause instanceof Error ? errorFields(cause, dev) : cause,
  };
  for (const key in error) if (!['name', 'message', 'stack', 'cause'].includes(key)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  return fields;
}

/** `file:line` of the first stack frame that names one in parentheses. */
function codeLocation(stack: string | undefined): string {
  for (const frame of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(frame);
    if (match) return `${match[1]}:${Number(match[2])}`;
  }
  return '';
}
