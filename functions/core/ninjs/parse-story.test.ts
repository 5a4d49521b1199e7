import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStory } from './parse-story.js';
import { StoryError } from '../story-error.js';

const options = { source: 'content/stories/x.json', baseUrl: 'https://news.example' };

const minimal = {
  uri: 'urn:example:story:1',
  version: '3',
  versionCreated: '2024-05-01T10:00:00+02:00',
  firstCreated: '2024-05-01T09:30:00+02:00',
  headlines: [{ value: 'A headline' }],
  bodies: [{ contentType: 'text/html', value: '<p>Body</p>' }],
};

function problemsOf(input: unknown): string[] {
  try {
    parseStory(typeof input === 'string' ? input : JSON.stringify(input), options);
  } catch (error) {
    expect(error).toBeInstanceOf(StoryError);
    return (error as StoryError).lines();
  }
  throw new Error('expected the story to be rejected');
}

describe('parseStory', () => {
  it('maps the seed story: headline, dates, byline, subjects and all four photos with caption and credit', () => {
    // Given the Xinhua seed story from content/
    const bytes = readFileSync('content/stories/vienna-talks-syria.json');
    // When it is parsed
    const story = parseStory(bytes, { source: 'content/stories/vienna-talks-syria.json', baseUrl: 'https://news.example' });
    // Then every field the feeds need is in the model
    expect(story.id).toBe('urn:newsml:xinhuanet.com:20151031:vienna-talks-syria');
    expect(story.title).toMatch(/Vienna talks on Syria/);
    expect(story.published.toISOString()).toBe('2015-10-30T21:51:00.000Z');
    expect(story.updated.getTime()).toBeGreaterThanOrEqual(story.published.getTime());
    expect(story.language).toBe('en');
    expect(story.status).toBe('usable');
    expect(story.categories.map((c) => c.slug)).toContain('politics');
    expect(story.photos).toHaveLength(4);
    for (const photo of story.photos) {
      expect(photo.credit).toBe('Xinhua/Liu Xiang');
      expect(photo.caption).toMatch(/Vienna/);
      expect(photo.caption).not.toMatch(/\(Xinhua\/Liu Xiang\)/);
      expect(photo.renditions[0]).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 1067 });
      expect(photo.renditions.at(-1)).toMatchObject({ width: 400, height: 267 });
    }
    expect(story.photos[1]!.caption).toMatch(/Laurent Fabius/);
    expect(story.bodyHtml).toMatch(/^<p>There is still no agreement/);
    expect(story.bodyHtml).not.toContain('‹');
  });

  it('rejects a story without a headline, naming the field', () => {
    const { headlines: _dropped, ...noHeadline } = minimal;
    expect(problemsOf(noHeadline)).toEqual(['content/stories/x.json: /headlines: no headline: a feed item needs a title (add headlines[0].value)']);
  });

  it('names the JSON path of a wrongly typed value', () => {
    expect(problemsOf({ ...minimal, headlines: [{ value: 42 }] })).toContain('content/stories/x.json: /headlines/0/value: expected string');
  });

  it('reports every problem, not just the first', () => {
    const lines = problemsOf({ ...minimal, uri: 'relative-id', versionCreated: undefined, headlines: [] });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/uri: must be an absolute URI'),
        expect.stringContaining('/headlines: no headline'),
        expect.stringContaining('/versionCreated: required'),
      ]),
    );
  });

  it('rejects dates without a time zone', () => {
    expect(problemsOf({ ...minimal, versionCreated: '2024-05-01T10:00:00' })).toEqual([expect.stringContaining('/versionCreated: expected a valid date-time')]);
  });

  it('rejects files that are not one JSON object', () => {
    expect(problemsOf('')).toEqual(['content/stories/x.json: /: file is empty']);
    expect(problemsOf('{"uri": ')).toEqual([expect.stringMatching(/^content\/stories\/x\.json: \/: not JSON: /)]);
    expect(problemsOf('[]')).toEqual([expect.stringContaining('expected a JSON object')]);
  });

  it('reads a file that starts with a byte order mark', () => {
    const story = parseStory(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(minimal))]), options);
    expect(story.title).toBe('A headline');
  });

  it('accepts ninjs 2.x lowercase field names and maps them', () => {
    const story = parseStory(
      JSON.stringify({
        uri: 'urn:example:old:1',
        versioncreated: '2019-01-02T03:04:05Z',
        firstcreated: '2019-01-02T03:00:00Z',
        pubstatus: 'usable',
        embargoed: '2019-01-02T03:00:00Z',
        copyrightholder: 'Agency',
        headlines: [{ value: 'Old but good' }],
        associations: [{ name: 'photo', uri: 'urn:p:1', type: 'picture', renditions: [{ name: 'r', href: 'https://img.example/a.jpg', contenttype: 'image/jpeg', sizeinbytes: 1234, width: 10, height: 10 }] }],
      }),
      options,
    );
    expect(story.updated.toISOString()).toBe('2019-01-02T03:04:05.000Z');
    expect(story.credit).toBe('Agency');
    expect(story.embargoedUntil?.toISOString()).toBe('2019-01-02T03:00:00.000Z');
    expect(story.photos[0]!.renditions[0]).toMatchObject({ mimeType: 'image/jpeg', bytes: 1234 });
  });

  it('says a ninjs 2.x document was read as 2.x when it fails its schema', () => {
    expect(problemsOf({ uri: 'urn:x', versioncreated: 7 })).toEqual([expect.stringContaining('/versioncreated: expected string (read as ninjs 2.x)')]);
  });

  it('refuses rendition paths that leave the media folder', () => {
    const story = { ...minimal, associations: [{ name: 'photo', type: 'picture', uri: 'urn:p', renditions: [{ name: 'r', href: 'media/../../etc/passwd.jpg', contentType: 'image/jpeg' }] }] };
    expect(problemsOf(story)).toEqual(['content/stories/x.json: /associations/0/renditions/0/href: media path leaves the media folder or has empty segments']);
  });

  it('refuses stories over the size limit before parsing them', () => {
    const huge = JSON.stringify({ ...minimal, bodies: [{ contentType: 'text/plain', value: 'x'.repeat(2 * 1024 * 1024) }] });
    expect(problemsOf(huge)).toEqual([expect.stringMatching(/\/: story is \d+ bytes; the limit is 2097152/)]);
  });

  it('turns a plain-text body into escaped paragraphs', () => {
    const story = parseStory(JSON.stringify({ ...minimal, bodies: [{ contentType: 'text/plain', value: 'One & two\n\nThree <b>' }] }), options);
    expect(story.bodyHtml).toBe('<p>One &amp; two</p>\n<p>Three &lt;b&gt;</p>');
  });

  it('sanitises hostile body HTML and makes links absolute', () => {
    const body = '<p onclick="x()">Hi <a href="/about">us</a> <a href="JaVaScRiPt:alert(1)">x</a><script>bad()</script>&nbsp;!</p><iframe src="https://evil.example"></iframe>';
    const story = parseStory(JSON.stringify({ ...minimal, bodies: [{ contentType: 'text/html', value: body }] }), options);
    expect(story.bodyHtml).toBe('<p>Hi <a href="https://news.example/about">us</a> <a>x</a>\u00a0!</p>');
  });

  it('skips a headline made only of invisible characters for the next one, and refuses a story with no other', () => {
    const invisible = { value: ' \u200b\u200d\u00ad ' };
    expect(parseStory(JSON.stringify({ ...minimal, headlines: [invisible, { value: 'Real' }] }), options).title).toBe('Real');
    expect(problemsOf({ ...minimal, headlines: [invisible] })).toEqual(['content/stories/x.json: /headlines: no headline: a feed item needs a title (add headlines[0].value)']);
  });
  const withRendition = (rendition: Record<string, unknown>) => ({
    ...minimal,
    associations: [{ name: 'photo', type: 'picture', uri: 'urn:p', renditions: [{ name: 'r', contentType: 'image/jpeg', ...rendition }] }],
  });

  it.each([
    ['a port out of range', 'https://img.example:99999/a.jpg'],
    ['no host', 'https://'],
    ['a bad IPv6 literal', 'https://[zz]/a.jpg'],
    ['a bad percent escape in the host', 'http://%zz/a.jpg'],
  ])('refuses a rendition URL with %s, naming its JSON path, instead of throwing', (_case, href) => {
    expect(problemsOf(withRendition({ href }))).toEqual([`content/stories/x.json: /associations/0/renditions/0/href: not a valid URL: ${JSON.stringify(href)}`]);
  });

  it.each([
    ['sizeInBytes', -5],
    ['sizeInBytes', 0],
    ['sizeInBytes', 1e21],
    ['width', -1600],
    ['width', 0],
    ['height', 70000],
  ])('refuses a rendition %s of %d, naming its JSON path', (field, value) => {
    expect(problemsOf(withRendition({ href: 'https://img.example/a.jpg', [field]: value }))).toEqual([
      expect.stringMatching(new RegExp(`^content/stories/x\\.json: /associations/0/renditions/0/${field}: ${String(value).replace('+', '\\+')} is outside \\d+\\.\\.\\d+`)),
    ]);
  });

  it('refuses a fractional width that ninjs 2.x allows', () => {
    const story = { uri: 'urn:x', versioncreated: '2019-01-02T03:04:05Z', headlines: [{ value: 'Old' }], associations: [{ name: 'p', uri: 'urn:p', type: 'picture', renditions: [{ name: 'r', href: 'https://img.example/a.jpg', contenttype: 'image/jpeg', width: 1600.5 }] }] };
    expect(problemsOf(story)).toEqual([expect.stringContaining('/associations/0/renditions/0/width: 1600.5 is not a whole number')]);
  });

  it('keeps the widest plausible rendition numbers', () => {
    const story = parseStory(JSON.stringify(withRendition({ href: 'https://img.example/a.jpg', width: 65535, height: 1, sizeInBytes: 2 ** 31 - 1 })), options);
    expect(story.photos[0]!.renditions[0]).toMatchObject({ width: 65535, height: 1, bytes: 2 ** 31 - 1 });
  });

  it.each([
    ['versionCreated', '0202-05-01T09:00:00Z'],
    ['firstCreated', '1899-12-31T23:59:59Z'],
    ['embargoedUntil', '0999-01-01T00:00:00Z'],
    // Valid RFC 3339 with a four-digit year, but year 10000 in UTC.
    ['versionCreated', '9999-12-31T23:30:00-01:00'],
  ])('refuses %s = %s, outside the years every feed format can write', (field, value) => {
    const story = { ...minimal, versionCreated: '2024-05-01T10:00:00Z', firstCreated: '1999-01-01T00:00:00Z', [field]: value };
    expect(problemsOf(story)).toEqual([expect.stringMatching(new RegExp(`^content/stories/x\\.json: /${field}: ${escapeRegExp(JSON.stringify(value))} is outside 1900-01-01T00:00:00Z\\.\\.9999-12-31T23:59:59Z`))]);
  });

  it('accepts dates at the edges of the range', () => {
    const story = parseStory(JSON.stringify({ ...minimal, firstCreated: '1900-01-01T00:00:00Z', versionCreated: '9999-12-31T23:59:59Z' }), options);
    expect(story.published.getUTCFullYear()).toBe(1900);
    expect(story.updated.getUTCFullYear()).toBe(9999);
  });

  it('never takes a creditline description for the summary', () => {
    const descriptions = [{ role: 'creditline', value: 'ASSOCIATED PRESS' }, { role: 'ednote', value: 'Not for publication' }];
    expect(parseStory(JSON.stringify({ ...minimal, descriptions }), options).summary).toBeUndefined();
    expect(parseStory(JSON.stringify({ ...minimal, descriptions: [...descriptions, { value: 'Unlabelled' }] }), options).summary).toBe('Unlabelled');
    expect(parseStory(JSON.stringify({ ...minimal, descriptions: [...descriptions, { role: 'abstract', value: 'The abstract' }] }), options).summary).toBe('The abstract');
  });

  it('summarises a picture item by its caption, not its creditline (the sample Turkey photo)', () => {
    const story = parseStory(readFileSync('content/stories/turkey-islamic-state.json'), { source: 'content/stories/turkey-islamic-state.json', baseUrl: 'https://news.example' });
    expect(story.summary).toMatch(/^FILE - In this Monday, Nov\. 11, 2019 file photo/);
  });

  it('never takes a creditline description for a photo caption', () => {
    const story = parseStory(JSON.stringify({ ...withRendition({ href: 'https://img.example/a.jpg' }) }), options);
    expect(story.photos[0]!.caption).toBeUndefined();
    const credited = { ...minimal, associations: [{ name: 'p', type: 'picture', uri: 'urn:p', descriptions: [{ role: 'creditline', value: 'AP' }], renditions: [{ name: 'r', href: 'https://img.example/a.jpg', contentType: 'image/jpeg' }] }] };
    expect(parseStory(JSON.stringify(credited), options).photos[0]!.caption).toBeUndefined();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
