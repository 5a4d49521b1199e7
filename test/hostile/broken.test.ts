import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../support/build-content.js';
import { runCli } from '../support/build-content.js';
import { build, contentWith, corpusFile, corpusNames, publishedIds, SAMPLE_IDS } from './hostile-content.js';

/**
 * Every refused corpus file with the problems its error lines must name: `[JSON pointer, message]`.
 * A file's lines must be exactly these, so one mistake is reported once, where it is.
 */
const REFUSED: Record<string, Array<[string, RegExp]>> = {
  'not-json.json': [['/', /^not JSON: /]],
  'empty.json': [['/', /^file is empty$/]],
  'whitespace-only.json': [['/', /^not JSON: /]],
  'utf16le-bom.json': [['/', /^not UTF-8 but UTF-16 \(little-endian byte order mark\); save the file as UTF-8$/]],
  'utf16be-bom.json': [['/', /^not UTF-8 but UTF-16 \(big-endian byte order mark\); save the file as UTF-8$/]],
  'utf16le-no-bom.json': [['/', /^not UTF-8 but UTF-16 \(little-endian, NUL bytes between characters\); save the file as UTF-8$/]],
  'invalid-utf8.json': [['/', /^not valid UTF-8: byte 0xE9 on line 10 \(byte offset \d+\); save the file as UTF-8$/]],
  'top-level-array.json': [['/', /^expected a JSON object/]],
  'null.json': [['/', /^expected a JSON object/]],
  'wrong-types.json': [['/version', /^expected string$/], ['/headlines', /^expected array$/], ['/associations', /^expected array$/]],
  'missing-uri.json': [['/uri', /^required field is missing$/]],
  'missing-headline.json': [['/headlines', /^no headline/]],
  'empty-headline.json': [['/headlines', /^no headline/]],
  'missing-version-created.json': [['/versionCreated', /^required by wirefeed/]],
  'invalid-date.json': [['/versionCreated', /^expected a valid date-time$/]],
  'zoneless-date.json': [['/versionCreated', /^expected a valid date-time$/]],
  'date-only.json': [['/firstCreated', /^expected a valid date-time$/]],
  'relative-uri.json': [['/uri', /^must be an absolute URI/]],
  'proto-pollution.json': [['/__proto__', /^unknown field/]],
  'deep-nesting.json': [['/nested', /^unknown field/]],
  'too-many-photos.json': [['/associations', /^too many photos: 51 \(limit 50\)$/]],
  'too-many-renditions.json': [['/associations/0/renditions', /^too many renditions: 21 \(limit 20\)$/]],
  'href-dotdot.json': [['/associations/0/renditions/0/href', /leaves the media folder/]],
  'href-media-dotdot.json': [['/associations/0/renditions/0/href', /leaves the media folder/]],
  'href-encoded-dotdot.json': [['/associations/0/renditions/0/href', /leaves the media folder/]],
  'href-encoded-slash.json': [['/associations/0/renditions/0/href', /leaves the media folder/]],
  'href-double-encoded.json': [['/associations/0/renditions/0/href', /^media file not found: media\/%2e%2e\/site\.json$/]],
  'href-absolute-path.json': [['/associations/0/renditions/0/href', /must be relative to the content root/]],
  'href-backslash.json': [['/associations/0/renditions/0/href', /^expected a valid uri$/]],
  'href-outside-media.json': [['/associations/0/renditions/0/href', /must start with media\//]],
  'href-file-url.json': [['/associations/0/renditions/0/href', /^only http\(s\) URLs or paths under media\/ are allowed$/]],
  'href-data-url.json': [['/associations/0/renditions/0/href', /^only http\(s\) URLs or paths under media\/ are allowed$/]],
  'href-javascript-url.json': [['/associations/0/renditions/0/href', /^only http\(s\) URLs or paths under media\/ are allowed$/]],
  'missing-media.json': [['/associations/0/renditions/0/href', /^media file not found: media\/nowhere\/photo\.jpg$/]],
  'href-port-out-of-range.json': [['/associations/0/renditions/0/href', /^not a valid URL: "https:\/\/img\.example:99999\/a\.jpg"$/]],
  'href-no-host.json': [['/associations/0/renditions/0/href', /^not a valid URL: "https:\/\/"$/]],
  'href-bad-ipv6.json': [['/associations/0/renditions/0/href', /^not a valid URL: "https:\/\/\[zz\]\/a\.jpg"$/]],
  'href-bad-host-escape.json': [['/associations/0/renditions/0/href', /^not a valid URL: "http:\/\/%zz\/a\.jpg"$/]],
  'rendition-negative-size.json': [['/associations/0/renditions/0/sizeInBytes', /^-5 is outside 1\.\.2147483647$/]],
  'rendition-huge-size.json': [['/associations/0/renditions/0/sizeInBytes', /^1e\+21 is outside 1\.\.2147483647$/]],
  'rendition-negative-width.json': [['/associations/0/renditions/0/width', /^-1600 is outside 1\.\.65535$/]],
  'date-year-0202.json': [['/versionCreated', /^"0202-05-01T09:00:00Z" is outside 1900-01-01T00:00:00Z\.\.9999-12-31T23:59:59Z: /]],
};

/** Corpus files that are odd but valid: they are published. */
const PUBLISHED = ['bom.json'];

const idOf = (file: string) => `urn:wirefeed:hostile:broken:${file.replace(/\.json$/, '')}`;

describe('broken story files (corpus/broken), all in one content folder with the samples', () => {
  let run: CliRun;
  let contentDir: string;
  const linesOf = (file: string) => run.errors.filter((line) => line.startsWith(`${join(contentDir, 'stories', file)}: `));

  beforeAll(async () => {
    contentDir = contentWith(Object.fromEntries(corpusNames('broken').map((name) => [name, corpusFile('broken', name)])));
    run = await build(contentDir);
  });

  it('knows every corpus file', () => {
    expect([...Object.keys(REFUSED), ...PUBLISHED].sort()).toEqual(corpusNames('broken'));
  });

  it('exits 1 and still publishes every sample story and the valid odd files, nothing of the refused ones', () => {
    expect(run.code).toBe(1);
    const ids = publishedIds(run);
    expect(ids.sort()).toEqual([...SAMPLE_IDS, ...PUBLISHED.map(idOf)].sort());
    // The samples' other outputs are complete too: each RSS item and page exists.
    expect(run.read('rss.xml').match(/<item>/g)).toHaveLength(ids.length);
    for (const item of (JSON.parse(run.read('feed.json')) as { items: Array<{ url: string }> }).items) {
      expect(() => run.read(new URL(item.url).pathname)).not.toThrow();
    }
  });

  it('prints only lines of the form `<file>: /<json pointer>: <message>`', () => {
    for (const line of run.errors) expect(line).toMatch(new RegExp(`^${escapeRegExp(join(contentDir, 'stories'))}/[\\w.-]+\\.json: /\\S*: \\S`));
  });

  it.each(Object.entries(REFUSED))('%s: refused with its file and JSON path', (file, problems) => {
    const lines = linesOf(file).map((line) => line.slice(join(contentDir, 'stories', file).length + 2));
    expect(lines).toHaveLength(problems.length);
    problems.forEach(([pointer, message], index) => {
      const [at, ...rest] = lines[index]!.split(': ');
      expect(at).toBe(pointer);
      expect(rest.join(': ')).toMatch(message);
    });
  });

  it('never pollutes Object.prototype from a `__proto__` key', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validate reports the same lines as build', async () => {
    const validate = await runCli(['validate', '--content', contentDir]);
    expect(validate.code).toBe(1);
    expect(validate.errors.sort()).toEqual([...run.errors].sort());
  });
});

describe('broken story files that need building at test time', () => {
  it('refuses a story over 2 MB by its size, before parsing, and publishes the rest', async () => {
    const story = JSON.parse(readFileSync('content/stories/tt-militarovning.json', 'utf8')) as { uri: string; bodies: Array<{ value: string }> };
    story.uri = 'urn:wirefeed:hostile:broken:oversized';
    story.bodies[0]!.value = 'x'.repeat(2 * 1024 * 1024);
    const dir = contentWith({ 'oversized.json': JSON.stringify(story) });
    const run = await build(dir);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(new RegExp(`^${escapeRegExp(join(dir, 'stories/oversized.json'))}: /: story is \\d+ bytes; the limit is 2097152$`))]);
    expect(publishedIds(run).sort()).toEqual([...SAMPLE_IDS].sort());
  });

  it('keeps the newer version of a duplicated uri without an error', async () => {
    const older = JSON.parse(corpusFile('broken', 'bom.json').toString('utf8').slice(1)) as Record<string, unknown>;
    const newer = { ...older, version: '2', versionCreated: '2024-05-02T10:00:00Z', headlines: [{ role: 'main', value: 'Newer' }] };
    // The newer file sorts first by name, so the order of reading does not decide.
    const run = await build(contentWith({ 'a-newer.json': JSON.stringify(newer), 'b-older.json': JSON.stringify(older) }));
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const items = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; title: string }> }).items.filter((i) => i.id === older.uri);
    expect(items).toEqual([expect.objectContaining({ title: 'Newer' })]);
  });

  it('refuses the second of two files with the same uri and version, naming /version, and keeps the first', async () => {
    const story = corpusFile('broken', 'bom.json').toString('utf8').slice(1);
    const dir = contentWith({ 'a-first.json': story, 'b-second.json': story });
    const run = await build(dir);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([`${join(dir, 'stories/b-second.json')}: /version: same uri and version as ${join(dir, 'stories/a-first.json')} ("1"); give the newer file a higher version`]);
    expect(publishedIds(run).sort()).toEqual([...SAMPLE_IDS, idOf('bom.json')].sort());
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
