import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('site-json');
const SAMPLE_SITE = JSON.parse(readFileSync('content/site.json', 'utf8')) as Record<string, unknown>;

/** The sample content with its site.json replaced by `siteJson` (bytes as given, or an object as JSON). */
function contentWithSite(siteJson: Record<string, unknown> | Uint8Array | string): string {
  const dir = tempDir();
  cpSync('content', dir, { recursive: true });
  writeFileSync(join(dir, 'site.json'), siteJson instanceof Uint8Array || typeof siteJson === 'string' ? siteJson : JSON.stringify(siteJson));
  return dir;
}

describe('baseUrl with credentials, a query or a fragment (site.json and --base-url)', () => {
  it('user info in site.json is a configuration error naming /baseUrl, and the password is never printed', async () => {
    // Given
    const dir = contentWithSite({ ...SAMPLE_SITE, baseUrl: 'https://editor:s3cret@wire.example.org/' });
    // When
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    // Then: exit 2 before anything is written
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([`${join(dir, 'site.json')}: /baseUrl: must not hold a user name or password: it starts every published link`]);
    expect(run.info.join('\n')).not.toContain('s3cret');
    expect(existsSync(join(run.outDir, 'rss.xml'))).toBe(false);
  });

  it('user info in site.json is an error even when --base-url wins over it', async () => {
    const dir = contentWithSite({ ...SAMPLE_SITE, baseUrl: 'https://editor:s3cret@wire.example.org/' });
    const run = await runCli(['build', '--content', dir, '--out', '$OUT', '--base-url', 'https://wire.example.org']);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([`${join(dir, 'site.json')}: /baseUrl: must not hold a user name or password: it starts every published link`]);
  });

  it('--base-url with user info, a query or a fragment is an error naming --base-url', async () => {
    const dir = contentWithSite(SAMPLE_SITE);
    const cases: Array<[string, string]> = [
      ['https://editor@wire.example.org', '--base-url: must not hold a user name or password: it starts every published link'],
      ['https://:s3cret@wire.example.org', '--base-url: must not hold a user name or password: it starts every published link'],
      ['https://wire.example.org/news?utm_source=x', '--base-url: must not have a query (?…): https://wire.example.org/news?utm_source=x'],
      ['https://wire.example.org/news?', '--base-url: must not have a query (?…): https://wire.example.org/news?'],
      ['https://wire.example.org/news#top', '--base-url: must not have a fragment (#…): https://wire.example.org/news#top'],
    ];
    for (const [baseUrl, message] of cases) {
      const run = await runCli(['build', '--content', dir, '--out', '$OUT', '--base-url', baseUrl]);
      expect(run.code, baseUrl).toBe(2);
      expect(run.errors, baseUrl).toEqual([message]);
    }
    const validate = await runCli(['validate', '--content', dir, '--base-url', 'https://u:p@wire.example.org']);
    expect(validate.code).toBe(2);
  });
});

describe('site.json read and cleaned as story files are', () => {
  it('a site.json with a UTF-8 byte order mark builds, as a story file with one does', async () => {
    // Given
    const dir = contentWithSite(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(SAMPLE_SITE))]));
    // When
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    // Then
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.read('feed.json')) as { title: string }).title).toBe(SAMPLE_SITE.title);
  });

  it('a site.json in UTF-16 is refused with the message a story file gets', async () => {
    const bom = Buffer.from([0xff, 0xfe]);
    const dir = contentWithSite(Buffer.concat([bom, Buffer.from(JSON.stringify(SAMPLE_SITE), 'utf16le')]));
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([`${join(dir, 'site.json')}: not UTF-8 but UTF-16 (little-endian byte order mark); save the file as UTF-8`]);
  });

  it('control characters and lone surrogates in the title and description never reach the feeds', async () => {
    // Given: JSON escapes for NUL, BEL, a C1 control, a lone surrogate and U+FFFF, and a line break
    const dir = contentWithSite(
      JSON.stringify({ ...SAMPLE_SITE, title: 'TITLE', description: 'DESCRIPTION' })
        .replace('"TITLE"', '"Wire\\u0000 \\u0007desk\\ud800"')
        .replace('"DESCRIPTION"', '"News\\u0085 from\\n  the \\uffffwire"'),
    );
    // When
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    // Then: cleaned as a story headline is (controls removed, whitespace folded)
    expect(run.errors).toEqual([]);
    const feed = JSON.parse(run.read('feed.json')) as { title: string; description: string };
    expect(feed.title).toBe('Wire desk');
    expect(feed.description).toBe('News from the wire');
    const rss = run.read('rss.xml');
    expect(rss).toContain('<title>Wire desk</title>');
    expect(rss).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\u009f\uffff]|&#x?0*[0-8];/);
  });

  it('a title of nothing but control characters is refused as empty', async () => {
    const dir = contentWithSite(JSON.stringify({ ...SAMPLE_SITE, title: 'T' }).replace('"T"', '"\\u0000\\u0001 "'));
    const run = await runCli(['build', '--content', dir, '--out', '$OUT']);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([`${join(dir, 'site.json')}: /title: expected a non-empty string`]);
  });
});
