import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('manners');

/** `wirefeed …` as a user runs it, in its own process. */
function wirefeed(...args: string[]) {
  return spawnSync(process.execPath, ['bin/wirefeed.js', ...args], { encoding: 'utf8', timeout: 30_000 });
}

/** A content folder with the sample site.json and only the given stories. */
function contentOf(stories: Record<string, unknown>): string {
  const dir = tempDir();
  cpSync('content/site.json', join(dir, 'site.json'));
  mkdirSync(join(dir, 'stories'));
  for (const [name, story] of Object.entries(stories)) writeFileSync(join(dir, 'stories', name), typeof story === 'string' ? story : JSON.stringify(story));
  return dir;
}

function story(uri: string, extra: Record<string, unknown> = {}) {
  return { uri, versionCreated: '2024-01-01T00:00:00Z', headlines: [{ value: `Story ${uri}` }], ...extra };
}

describe('CLI manners', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('--help goes to stdout with exit 0, for the CLI and for a command', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['build', '--help']]) {
      const result = wirefeed(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage:\n  wirefeed build /);
      expect(result.stderr).toBe('');
    }
  });

  it('--version prints the version of package.json', () => {
    const result = wirefeed('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });

  it('writes "1 story" where there is one', () => {
    const content = contentOf({ 'a.json': story('urn:example:one') });
    const built = wirefeed('build', '--content', content, '--out', join(content, 'out'));
    expect(built.stderr).toMatch(/^published 1 story \(/m);
    const validated = wirefeed('validate', '--content', content);
    expect(validated.stderr).toBe('1 of 1 story valid\n');
  });

  it('reports embargoed and withheld stories apart, with the next release time', () => {
    const content = contentOf({
      'a.json': story('urn:example:out'),
      'b.json': story('urn:example:later', { embargoedUntil: '2030-01-02T03:04:05Z' }),
      'c.json': story('urn:example:sooner', { embargoedUntil: '2029-06-01T00:00:00Z' }),
      'd.json': story('urn:example:held', { pubStatus: 'withheld' }),
    });
    const result = wirefeed('build', '--content', content, '--out', join(content, 'out'), '--now', '2025-01-01T00:00:00Z');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^published 1 story \(1 withheld, 0 rejected, 2 embargoed, next release 2029-06-01T00:00:00Z\) into /m);
  });

  it('an error in a flag names the flag', () => {
    const limit = wirefeed('build', '--content', 'content', '--out', join(tempDir(), 'out'), '--limit', 'abc');
    expect(limit.status).toBe(2);
    expect(limit.stderr.split('\n')[0]).toBe('error: --limit must be a whole number of items, 1 or more: "abc"');
    const port = wirefeed('preview', '--content', 'content', '--out', join(tempDir(), 'out'), '--port', '80x');
    expect(port.status).toBe(2);
    expect(port.stderr.split('\n')[0]).toBe('error: --port must be a port number, 0 to 65535: "80x"');
  });

  it('a missing content folder is named as such', () => {
    const missing = join(tempDir(), 'no-such-content');
    for (const args of [['build', '--out', join(tempDir(), 'out')], ['validate'], ['build', '--out', join(tempDir(), 'out'), '--base-url', 'https://wire.example.org']]) {
      const result = wirefeed(args[0]!, '--content', missing, ...args.slice(1));
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`error: content folder not found: ${missing}\n`);
    }
  });

  it('invalid JSON gives line and column, in a story file and in site.json', () => {
    const content = contentOf({ 'a.json': '{\n  "uri": "urn:example:a",\n  "headlines": [}\n}\n' });
    const built = wirefeed('build', '--content', content, '--out', join(content, 'out'));
    expect(built.status).toBe(1);
    expect(built.stderr).toMatch(/^error: .*a\.json: \/: not JSON: line 3, column 17: /m);
    writeFileSync(join(content, 'site.json'), '{\n  "title": "x",\n  "baseUrl": "https://wire.example.org",\n}\n');
    const site = wirefeed('build', '--content', content, '--out', join(content, 'out'));
    expect(site.status).toBe(2);
    expect(site.stderr).toMatch(/^error: .*site\.json: not JSON: line 4, column 1: /);
  });

  it('check on a JSON Feed says it checks only RSS and Atom', () => {
    const out = tempDir();
    expect(wirefeed('build', '--content', 'content', '--out', out).status).toBe(0);
    const result = wirefeed('check', '--profile', 'google-news', join(out, 'feed.json'));
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`error: ${join(out, 'feed.json')} is JSON (a JSON Feed?): check reads RSS and Atom only, the formats partners take`);
  });

  it('a run that failed before building leaves no cache folder behind', () => {
    // Given: a content folder without stories/, and one that does not exist (site.json from the flag)
    const empty = tempDir();
    for (const content of [empty, join(tempDir(), 'missing')]) {
      const out = join(tempDir(), 'out');
      const result = wirefeed('build', '--content', content, '--out', out, '--base-url', 'https://wire.example.org');
      expect(result.status).toBe(2);
      expect(existsSync(join(dirname(out), '.wirefeed-cache', basename(out)))).toBe(false);
      expect(readdirSync(dirname(out)).filter((name) => name !== basename(content))).toEqual([]);
    }
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('partner-key --help', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('goes to stdout with exit 0', () => {
    const result = wirefeed('partner-key', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('wirefeed partner-key rotate --partner NAME');
    expect(result.stderr).toBe('');
  });
});
