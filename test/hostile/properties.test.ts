import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../functions/core/build-site.js';
import type { MediaCatalog } from '../../functions/core/media/plan-media.js';
import { parseStory } from '../../functions/core/ninjs/parse-story.js';
import { parseSiteConfig } from '../../functions/core/site-config.js';
import { StoryError } from '../../functions/core/story-error.js';
import { cleanedTitle } from './cleaned-title.js';
import { auditFeedHtml, auditPage } from './html-audit.js';

const BASE = 'https://wire.example.org';
const site = parseSiteConfig({ title: 'Property wire', description: 'Arbitrary stories', baseUrl: BASE, language: 'en' });
const NOW = new Date('2030-01-01T00:00:00Z');
/** Enough runs to meet the odd unit mixes, few enough to keep the suite fast. */
const RUNS = { numRuns: 200 };

/** Every media path exists as a JPEG; its hash is derived from the path, so the build stays pure and fast. */
const catalog: MediaCatalog = (path) => ({ bytes: 1000, hash: createHash('sha256').update(path).digest('hex'), type: 'image/jpeg' });

/** Characters and sequences that break naive XML, JSON or HTML writers. */
const TRAPS = [
  ']]>', '<![CDATA[', '&', '&amp;', '&#x6A;', '&#0;', '&nbsp;', '<', '>', '"', "'", '\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\u009f',
  '\r', '\r\n', '\n', '\t', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u200b', '\u200d', '\u202e', '\u0301', '\u{1f469}\u200d\u{1f467}', '\u{1d4b3}',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** Any code point, lone surrogates and the traps above. */
const hostileText = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate, fc.constantFrom(...TRAPS)), maxLength: 40 });

/** HTML fragments an attacker or a broken CMS would send. */
const HTML_TOKENS = [
  '<p>', '</p>', '<a href="', '<a href=', '">', '>', '</a>', 'javascript:', 'JaVa&#x09;ScRiPt:', '&#106;avascript:', 'data:text/html,', 'vbscript:', '/rel', '//host/',
  '<script>', '</script>', '<img src=x onerror=alert(1)>', '<img src="', '<svg onload=alert(1)>', '<math>', '<style>', '<iframe src=', '<noscript>', '</noscript>',
  '<!--', '-->', '<!-->', '<![CDATA[', ']]>', '<table>', '<td>', '<form>', '<base href=', ' style="x:y"', ' onclick=', '<xmp>', '<template>', '<br/>', '=', '"', "'",
];
const hostileHtml = fc.string({ unit: fc.oneof(fc.constantFrom(...HTML_TOKENS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 60 });

const hostileStory = fc.record({
  title: hostileText,
  summary: hostileText,
  body: hostileHtml,
  htmlBody: fc.boolean(),
  by: hostileText,
  subject: hostileText,
  caption: hostileText,
  credit: hostileText,
});

type HostileStory = typeof hostileStory extends fc.Arbitrary<infer T> ? T : never;

/** The ninjs text of one arbitrary story; JSON.stringify writes lone surrogates as `\uD800` escapes. */
function ninjsOf(input: HostileStory): string {
  return JSON.stringify({
    uri: 'urn:wirefeed:property:1',
    version: '1',
    versionCreated: '2024-07-01T10:00:00Z',
    headlines: [{ role: 'main', value: input.title }],
    descriptions: [{ role: 'summary', value: input.summary }],
    bodies: [{ role: 'main', contentType: input.htmlBody ? 'text/html' : 'text/plain', value: input.body }],
    by: input.by,
    subjects: [{ name: input.subject }],
    associations: [{
      name: 'photo', uri: 'urn:wirefeed:property:photo', type: 'picture', by: input.credit,
      descriptions: [{ role: 'caption', value: input.caption }],
      renditions: [{ name: 'highres', href: 'media/p/photo.jpg', contentType: 'image/jpeg', width: 800, height: 600 }],
    }],
  });
}

function assertWellFormed(xml: string, file: string): void {
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

describe('any story built from arbitrary strings (fast-check)', () => {
  it('is refused with a StoryError, or yields well-formed XML, parseable JSON, CSP-clean pages and sanitized HTML with its title intact', () => {
    fc.assert(
      fc.property(hostileStory, (input) => {
        let story;
        try {
          story = parseStory(ninjsOf(input), { source: 'stories/property.json', baseUrl: BASE });
        } catch (error) {
          // The only refusal arbitrary text may cause: a title with nothing visible left.
          expect(error).toBeInstanceOf(StoryError);
          expect((error as StoryError).lines()).toEqual(['stories/property.json: /headlines: no headline: a feed item needs a title (add headlines[0].value)']);
          expect(cleanedTitle(input.title).replace(/[\p{Cf}\s]/gu, '')).toBe('');
          return;
        }
        const title = cleanedTitle(input.title);
        expect(story.title).toBe(title);

        const build = buildSite({ site, stories: [story], catalog, now: NOW });
        expect(build.rejected).toEqual([]);
        expect(build.published).toBe(1);
        for (const file of build.files) {
          if (/\.(xml|opml|xsl)$/.test(file.path)) assertWellFormed(file.body, file.path);
          if (file.path.endsWith('.json')) JSON.parse(file.body);
          if (file.path.endsWith('.html')) expect(auditPage(file.body), file.path).toEqual([]);
        }
        const read = (path: string) => build.files.find((file) => file.path === path)!.body;
        const json = JSON.parse(read('feed.json')) as { items: Array<{ title: string; content_html: string }> };
        expect(json.items[0]!.title).toBe(title);
        expect(parseRssFeed(read('rss.xml')).items![0]!.title).toBe(title);
        expect(parseAtomFeed(read('atom.xml')).entries![0]!.title?.value).toBe(title);
        expect(auditFeedHtml(json.items[0]!.content_html, { baseUrl: BASE })).toEqual([]);
      }),
      RUNS,
    );
  });
});
