import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What `npm start` runs (package.json `start`), on a free port, and every line it printed until the server was ready. */
function startLikeNpmStart(out: string): Promise<{ lines: string[]; base: string; stop(): void }> {
  const child = spawn(process.execPath, ['bin/wirefeed.js', 'preview', '--content', 'content', '--out', out], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /preview at (http:\/\/localhost:\d+)\/.*\n/.exec(printed);
      if (match) resolve({ lines: printed.split('\n').slice(0, -1), base: match[1]!, stop: () => child.kill() });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${printed}`)));
  });
}

describe('npm start on the sample content: a quiet start', () => {
  let start: Awaited<ReturnType<typeof startLikeNpmStart>>;
  let out: string;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
    out = mkdtempSync(join(tmpdir(), 'wirefeed-quiet-'));
    start = await startLikeNpmStart(out);
  });
  afterAll(() => start?.stop());

  it('prints at most 10 lines until the server is ready, one per partner feed', () => {
    expect(start.lines.length).toBeLessThanOrEqual(10);
    const partnerLines = start.lines.filter((line) => line.startsWith('partner '));
    expect(partnerLines.map((line) => line.split(':')[0])).toEqual(['partner flipboard', 'partner google-news', 'partner msn', 'partner smartnews']);
    expect(start.lines.at(-1)).toMatch(/^preview at http:\/\/localhost:\d+\//);
  });

  it('judges partner rules against the public base URL: no https finding about localhost links, and the sample partner feeds have items', () => {
    expect(start.lines.join('\n')).not.toContain('https-urls');
    expect(start.lines).toContain('partner google-news: 6 items');
    // Built for site.json's baseUrl, as a deploy uploads it
    const built = parseRssFeed(readFileSync(join(out, 'partners/google-news/rss.xml'), 'utf8'));
    expect(built.items).toHaveLength(6);
    expect(built.items![0]!.link).toMatch(/^https:\/\/wire\.example\.org\/stories\//);
  });

  it('serves pages and feeds with links to itself, so they browse locally', async () => {
    const feed = parseRssFeed(await (await fetch(`${start.base}/partners/google-news/rss.xml`)).text());
    const link = feed.items![0]!.link!;
    expect(link.startsWith(`${start.base}/stories/`)).toBe(true);
    expect((await fetch(link)).status).toBe(200);
    const index = await (await fetch(`${start.base}/`)).text();
    expect(index).not.toContain('wire.example.org/');
  });

  it('names in each partner line with findings a command that lists them', () => {
    const msn = start.lines.find((line) => line.startsWith('partner msn: '))!;
    const command = /: wirefeed (check .*) for details$/.exec(msn)![1]!.split(' ');
    const details = spawnSync(process.execPath, ['bin/wirefeed.js', ...command], { encoding: 'utf8' });
    const lines = details.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((line) => line.startsWith('partner msn: content/stories/'))).toBe(true);
    expect(lines.some((line) => /turkey-islamic-state\.json: title-length: left out: /.test(line))).toBe(true);
  });

  it('lists every finding under --verbose', () => {
    const verbose = spawnSync(process.execPath, ['bin/wirefeed.js', 'build', '--content', 'content', '--out', mkdtempSync(join(tmpdir(), 'wirefeed-verbose-')), '--verbose'], { encoding: 'utf8' });
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toMatch(/^partner msn: content\/stories\/turkey-islamic-state\.json: title-length: left out: /m);
  });
});
