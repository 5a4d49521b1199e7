import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_MAX_BYTES, CHECK_MAX_DEPTH } from '../../functions/core/partners/preflight/feed-limits.js';
import { runCli } from '../support/build-content.js';

/**
 * `wirefeed check` over the worst files a person can hand it. Each case is bounded by the test
 * timeout only: before the limits, 200,000 nested elements ran for minutes (saxes walks every open
 * element to resolve each new one's namespace), and a link to /dev/zero never ended.
 */
const WORST_CASE_TIMEOUT = 30_000;

/** An RSS feed whose one item's description holds `inner` as markup, `items` times over. */
function feed(inner: string, items = 1): string {
  const item = `<item><title>a</title><link>https://e.example/a</link><guid>https://e.example/a</guid><description>${inner}</description></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>t</title><link>https://e.example/</link><description>d</description>${item.repeat(items)}</channel></rss>\n`;
}

const nested = (depth: number) => '<b>'.repeat(depth) + 'x' + '</b>'.repeat(depth);

describe('wirefeed check limits', () => {
  let dir: string;
  const write = (name: string, xml: string) => {
    writeFileSync(join(dir, name), xml);
    return join(dir, name);
  };
  const check = (file: string) => runCli(['check', '--profile', 'msn', file, '--now', '2026-01-01T00:00:00Z']);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wirefeed-check-limits-'));
  });

  it('refuses 200,000 nested elements in one description, naming the file, the limit and where', { timeout: WORST_CASE_TIMEOUT }, async () => {
    // Given: the 1.4 MB feed of the report.
    const xml = feed(nested(200_000));
    const file = write('deep.xml', xml);
    const secondLine = xml.split('\n')[1]!;
    // rss > channel > item > description hold the first 96 <b>; the 97th is one too deep.
    const column = secondLine.indexOf('<b>') + 96 * '<b>'.length + 1;
    // When
    const run = await check(file);
    // Then: one error, and nothing else was checked.
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `${file}: feed-limits: (feed): elements nest deeper than ${CHECK_MAX_DEPTH} levels: <b> at line 2, column ${column}, inside rss > channel > item > description > … (README.md#partner-feeds)`,
    ]);
    expect(run.info.at(-1)).toBe(`${file}: 0 items checked against msn: 1 error, 0 warnings`);
  });

  it('reads nesting up to the limit', { timeout: WORST_CASE_TIMEOUT }, async () => {
    // rss > channel > item > description are four levels.
    const run = await check(write('at-limit.xml', feed(nested(CHECK_MAX_DEPTH - 4))));
    expect(run.errors.some((line) => line.includes('feed-limits'))).toBe(false);
    expect(run.info.at(-1)).toMatch(/: 1 item checked against msn: /);
  });

  it('checks the most elements, items and text that fit under the size limit', { timeout: WORST_CASE_TIMEOUT }, async () => {
    const room = CHECK_MAX_BYTES - feed('').length;
    const blocks = nested(CHECK_MAX_DEPTH - 4);
    const cases = {
      'siblings.xml': feed('<b/>'.repeat(Math.floor(room / 4))),
      'deepest-blocks.xml': feed(blocks.repeat(Math.floor(room / blocks.length))),
      'items.xml': feed('x', Math.floor(room / (feed('x', 2).length - feed('x').length))),
      'text.xml': feed('x'.repeat(room)),
    };
    for (const [name, xml] of Object.entries(cases)) {
      expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(CHECK_MAX_BYTES);
      const run = await check(write(name, xml));
      expect(run.errors.some((line) => /feed-limits|well-formed/.test(line)), name).toBe(false);
      expect(run.info.at(-1), name).toMatch(/ items? checked against msn: [1-9]\d* errors?/);
    }
  });

  it('refuses a file over the size limit before reading it', { timeout: WORST_CASE_TIMEOUT }, async () => {
    const xml = feed('x'.repeat(CHECK_MAX_BYTES));
    const file = write('big.xml', xml);
    const run = await check(file);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `${file}: feed-limits: (feed): file is ${Buffer.byteLength(xml)} bytes; wirefeed check reads at most ${CHECK_MAX_BYTES} bytes (4 MB) (README.md#partner-feeds)`,
    ]);
  });

  it('reads only regular files: a link to /dev/zero and a FIFO are usage errors', { timeout: WORST_CASE_TIMEOUT }, async () => {
    const zero = join(dir, 'zero.xml');
    symlinkSync('/dev/zero', zero);
    const fifo = join(dir, 'fifo.xml');
    execFileSync('mkfifo', [fifo]);
    for (const file of [zero, fifo]) {
      const run = await check(file);
      expect(run.code).toBe(2);
      expect(run.errors).toEqual([`cannot read ${file}: not a regular file`]);
    }
  });
});
