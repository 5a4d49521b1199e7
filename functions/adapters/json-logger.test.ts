import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonLogger } from './json-logger.js';

const SWITCHES = ['POWERTOOLS_DEV', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL', 'AWS_LAMBDA_LOG_LEVEL', 'POWERTOOLS_LOGGER_SAMPLE_RATE', '_X_AMZN_TRACE_ID'] as const;
const saved = SWITCHES.map((name) => [name, process.env[name]] as const);

let stdout: string[];
let stderr: string[];
let printed: Array<[string, string]>;
beforeEach(() => {
  for (const name of SWITCHES) delete process.env[name];
  stdout = [];
  stderr = [];
  printed = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (stderr.push(String(chunk)), true));
  for (const method of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((line: unknown) => void printed.push([method, String(line)]));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('JsonLogger', () => {
  it('writes one JSON line a call, the fields of Powertools Logger first and in its order, then the attributes', () => {
    const logger = new JsonLogger('wirefeed-publish');
    logger.info('story processed', { key: 'stories/a.json', outcome: 'published' });
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(/^\{"level":"INFO","message":"story processed","timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","service":"wirefeed-publish","sampling_rate":0,"key":"stories\/a.json","outcome":"published"\}\n$/);
    expect(stderr).toEqual([]);
    expect(printed).toEqual([]);
  });

  it('writes WARN and ERROR to stderr, INFO to stdout, not through the console', () => {
    const logger = new JsonLogger('wirefeed-rebuild');
    logger.warn('partner preflight', { line: 'partner msn: 1 items' });
    logger.error('story rejected; this file publishes nothing');
    logger.info('rebuild finished');
    expect(parsed(stderr).map(({ level, message }) => [level, message])).toEqual([
      ['WARN', 'partner preflight'],
      ['ERROR', 'story rejected; this file publishes nothing'],
    ]);
    expect(parsed(stdout).map(({ level, message, service }) => [level, message, service])).toEqual([['INFO', 'rebuild finished', 'wirefeed-rebuild']]);
    expect(printed).toEqual([]);
  });

  it('writes an error as its name, location (the first frame that names a file in parentheses), message, stack, cause and own fields', () => {
    const cause = (function socket() {
      return new TypeError('socket hang up');
    })();
    const error = (function s3() {
      return Object.assign(new Error('S3 said no', { cause }), { $metadata: { httpStatusCode: 503 } });
    })();
    new JsonLogger('wirefeed-publish').error('story failed', { key: 'stories/a.json', error });
    const [line] = parsed(stderr);
    expect(line?.error).toEqual({
      name: 'Error',
      location: expect.stringMatching(/json-logger\.test\.ts:\d+$/),
      message: 'S3 said no',
      stack: error.stack,
      cause: { name: 'TypeError', location: expect.stringMatching(/json-logger\.test\.ts:\d+$/), message: 'socket hang up', stack: cause.stack },
      $metadata: { httpStatusCode: 503 },
    });
  });

  it('writes bigints as strings, leaves out circular references and empty top-level attributes', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    new JsonLogger('wirefeed-publish').info('odd values', { big: 10n, loop, none: null, empty: '', missing: undefined, zero: 0, nested: { empty: '', missing: undefined } });
    const [line] = parsed(stdout);
    expect(line).toEqual({ level: 'INFO', message: 'odd values', timestamp: line?.timestamp, service: 'wirefeed-publish', sampling_rate: 0, big: '10', loop: { a: 1 }, zero: 0, nested: { empty: '' } });
  });

  it('adds the X-Ray trace id, the Root of the trace header', () => {
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    new JsonLogger('wirefeed-publish').info('hubs notified');
    expect(parsed(stdout)[0]?.xray_trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('drops an attribute named like one of its own fields, and warns', () => {
    new JsonLogger('wirefeed-publish').info('story processed', { level: 'DEBUG', key: 'stories/a.json' });
    expect(parsed(stdout)).toEqual([expect.objectContaining({ level: 'INFO', message: 'story processed', key: 'stories/a.json' })]);
    expect(parsed(stderr)).toEqual([expect.objectContaining({ level: 'WARN', message: 'The key "level" is a reserved key and will be dropped.' })]);
  });

  it('logs from the level POWERTOOLS_LOG_LEVEL or LOG_LEVEL names on', () => {
    process.env.LOG_LEVEL = 'ERROR';
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    const logger = new JsonLogger('wirefeed-publish');
    logger.info('hidden');
    logger.warn('shown');
    expect(stdout).toEqual([]);
    expect(parsed(stderr).map(({ message }) => message)).toEqual(['shown']);
  });

  it("follows Lambda's log level over its own switches, Lambda's FATAL as CRITICAL", () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    process.env.AWS_LAMBDA_LOG_LEVEL = 'FATAL';
    const logger = new JsonLogger('wirefeed-publish');
    logger.info('hidden');
    logger.error('hidden too');
    expect([...stdout, ...stderr]).toEqual([]);
  });

  it('logs from DEBUG on in a container the sample rate picks, whatever its level', () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
    process.env.POWERTOOLS_LOGGER_SAMPLE_RATE = '1';
    new JsonLogger('wirefeed-publish').info('shown');
    expect(parsed(stdout).map(({ level, message, sampling_rate }) => [level, message, sampling_rate])).toEqual([
      ['DEBUG', 'Setting log level to DEBUG due to sampling rate', 1],
      ['INFO', 'shown', 1],
    ]);
  });

  it('prints through the console, indented, with the stack as lines, in POWERTOOLS_DEV mode', () => {
    process.env.POWERTOOLS_DEV = 'true';
    const logger = new JsonLogger('wirefeed-publish');
    const error = new Error('boom');
    logger.info('story processed');
    logger.error('story failed', { error });
    expect([...stdout, ...stderr]).toEqual([]);
    expect(printed.map(([method]) => method)).toEqual(['info', 'error']);
    expect(printed[0]?.[1]).toMatch(/^\{\n {4}"level": "INFO",\n/);
    expect((JSON.parse(printed[1]![1]) as { error: { stack: unknown } }).error.stack).toEqual(error.stack?.split('\n'));
  });
});
