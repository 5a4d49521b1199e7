import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_NOW, CONTENT_DIR, HARD_CASES_DIR, archiveFilesOf, buildSite, examplesContent, feedFilesOf, ninjsExampleFiles, partnerFilesOf, removeTempDirs, type BuiltSite } from './build-sites.js';
import { expectedItems, sourceStories } from './expected-feed.js';
import { expectedPartnerItems } from './partner-feeds.js';
import { runCrossChecks, runDocumentChecks, runReaders, runValidators, type FeedUnderTest, type MatrixCell } from './conformance-matrix.js';
import { HARD_CASES_NOW, SAMPLE_NOW, buildSyndicationSite, hardCasesSyndicationContent, sampleSyndicationContent } from './syndication-content.js';
import type { Story } from '../../functions/core/story.js';
import { writeConformanceDoc } from './conformance-doc.js';
import { removeRomeClasses } from './system-readers.js';
import { checkHomeLink } from './home-links.js';
import { bodyMismatches } from './same-bodies.js';

/** Examples the build must refuse, and the error it must give for each. */
const REFUSED_EXAMPLES: Record<string, RegExp[]> = {
  '3.1-002_renditions_example.json': [/\/uri: must be an absolute URI/, /\/headlines: no headline/],
  '3.1-008_event.json': [/\/headlines: no headline/],
};
/** Examples that share uri and version with 3.0-ninjsExSimpleText_3.json: refused together, built alone. */
const SAME_STORY_EXAMPLES = ['3.1-001_simple_example.json', '3.1-004_simple_text_article.json'];

describe('conformance: every reader reads our feeds as the source stories say', () => {
  const sites: BuiltSite[] = [];
  let examples: BuiltSite;
  let feeds: FeedUnderTest[] = [];
  let cells: MatrixCell[] = [];
  const stories = new Map<BuiltSite, Story[]>();
  const storiesOf = (site: BuiltSite) => stories.get(site)!;

  beforeAll(async () => {
    // Given: the sample content, the hard cases, and every ninjs example, built by the real build.
    const exampleFiles = ninjsExampleFiles();
    examples = buildSite('ninjs-examples', examplesContent(exampleFiles));
    sites.push(buildSite('content', CONTENT_DIR), buildSite('hard-cases', HARD_CASES_DIR), examples);
    for (const file of SAME_STORY_EXAMPLES) sites.push(buildSite(`ninjs-example-${file.slice(0, 7)}`, examplesContent([file])));
    // And: archive pages, partner feeds with MSN kills, and a news sitemap with entries, from the
    // sample content and the hard cases built with --limit 2 and a clock a day after their newest story.
    sites.push(
      buildSyndicationSite('content-syndication', sampleSyndicationContent(), SAMPLE_NOW, { itemLimit: 2, baseUrl: 'https://wire.example.org' }),
      buildSyndicationSite('hard-cases-syndication', hardCasesSyndicationContent(), HARD_CASES_NOW, { itemLimit: 2 }),
    );
    for (const site of sites) stories.set(site, sourceStories(site));
    feeds = sites.flatMap((site) => [
      ...[...feedFilesOf(site), ...archiveFilesOf(site)].map((feed) => ({ feed, expected: expectedItems(feed, storiesOf(site)) })),
      ...partnerFilesOf(site).map((feed) => ({ feed, expected: expectedPartnerItems(feed, storiesOf(site)) })),
    ]);
    // When: every reader and validator reads every file (one process per reader and per batch).
    cells = [...(await runReaders(feeds)), ...runValidators(feeds), ...runCrossChecks(feeds, storiesOf), ...runDocumentChecks(sites, feeds, storiesOf)];
    if (process.env.CONFORMANCE_DOC) writeConformanceDoc(process.env.CONFORMANCE_DOC, cells, feeds);
  });

  afterAll(() => {
    removeTempDirs();
    removeRomeClasses();
  });

  it('builds main and section feeds for every site, with items in them', () => {
    for (const site of sites.filter((s) => !s.name.startsWith('ninjs-example-'))) {
      const ofSite = feeds.filter(({ feed }) => feed.site === site && feed.kind === 'feed');
      expect(ofSite.some(({ feed }) => feed.folder.startsWith('sections/')), `${site.name} has section feeds`).toBe(true);
      expect(ofSite.every(({ expected }) => expected.length > 0), `${site.name}: every feed has items`).toBe(true);
    }
    expect(feeds.reduce((n, f) => n + f.expected.length, 0)).toBeGreaterThan(100);
  });

  it('builds archive pages, every partner feed with an MSN kill, and a news sitemap with entries', () => {
    for (const name of ['content-syndication', 'hard-cases-syndication']) {
      const ofSite = feeds.filter(({ feed }) => feed.site.name === name);
      expect(ofSite.filter(({ feed }) => feed.kind === 'archive' && feed.folder.startsWith('archive/')).length, `${name} main archives`).toBeGreaterThanOrEqual(6);
      expect(ofSite.some(({ feed }) => feed.kind === 'archive' && feed.folder.startsWith('sections/')), `${name} section archives`).toBe(true);
      expect(ofSite.filter(({ feed }) => feed.kind === 'partner').map(({ feed }) => feed.folder)).toEqual(['partners/flipboard', 'partners/google-news', 'partners/msn', 'partners/smartnews']);
      const msn = ofSite.find(({ feed }) => feed.folder === 'partners/msn')!;
      expect(msn.expected.map((item) => item.id)).toEqual(expect.arrayContaining(['urn:wirefeed:conformance:killed-canceled', 'urn:wirefeed:conformance:killed-withheld']));
      expect(msn.expected.map((item) => item.id)).not.toContain('urn:wirefeed:conformance:never-public');
    }
    const sitemap = cells.find((cell) => cell.check === 'news sitemap entries vs source stories')!;
    expect(sitemap.items).toBeGreaterThanOrEqual(2);
  });

  it('publishes the sample content and hard cases with no refusals', () => {
    for (const site of sites.filter((s) => s !== examples)) expect(site.errors, site.name).toEqual([]);
  });

  it('refuses exactly the ninjs examples wirefeed cannot publish, saying why', () => {
    const refused = new Map<string, string[]>();
    for (const line of examples.errors) {
      const file = /([^/\s]+\.json):/.exec(line)?.[1] ?? line;
      refused.set(file, [...(refused.get(file) ?? []), line]);
    }
    expect([...refused.keys()].sort()).toEqual([...Object.keys(REFUSED_EXAMPLES), ...SAME_STORY_EXAMPLES].sort());
    for (const [file, patterns] of Object.entries(REFUSED_EXAMPLES)) {
      for (const pattern of patterns) expect(refused.get(file)!.some((line) => pattern.test(line)), `${file} ${pattern}`).toBe(true);
    }
    for (const file of SAME_STORY_EXAMPLES) expect(refused.get(file)!.join('\n')).toMatch(/same uri and version as .*3\.0-ninjsExSimpleText_3\.json/);
    expect(examples.summary.published).toBe(ninjsExampleFiles().length - 4);
  });

  it('has a result for every reader and validator over every kind and format it reads', () => {
    expect(cells.length).toBeGreaterThanOrEqual(55);
    for (const cell of cells) expect(cell.files, `${cell.check} × ${cell.kind} ${cell.format ?? ''}`).toBeGreaterThan(0);
    // Every reader reads every kind of feed file in every format it reads.
    for (const reader of ['feedparser', 'SimplePie', 'ROME', 'rss-parser', '@rowanmanning/feed-parser', 'feedsmith']) {
      const kinds = cells.filter((cell) => cell.check.startsWith(reader)).map((cell) => `${cell.kind} ${cell.format}`);
      expect(kinds, reader).toEqual(expect.arrayContaining(['feed rss', 'feed atom', 'archive rss', 'archive atom', 'partner rss']));
    }
  });

  it.each([
    'feedparser', 'SimplePie', 'ROME', 'rss-parser', '@rowanmanning/feed-parser', 'feedsmith',
    'xmllint', 'jing', 'ajv', 'JSON Feed 1.1 rules', 'partner rules', 'RFC 5005 links', 'identity with the main feed',
    'news sitemap', 'feedsmith parseOpml', 'xsltproc',
  ])('%s agrees with the source stories on every file', (name) => {
    const mine = cells.filter((cell) => cell.check.startsWith(name));
    expect(mine.length).toBeGreaterThan(0);
    for (const cell of mine) expect(cell.problems, `${cell.check} × ${cell.kind} ${cell.format ?? ''}`).toEqual([]);
  });

  // Found by this suite: section feeds and archive pages named `sections/<slug>/` and `archive/<n>/`
  // as their web page, where the build wrote nothing. Sections now get an index page, archives
  // link their feed set's page.
  it('links every feed and archive page to a web page the build wrote', () => {
    const problems = feeds.filter(({ feed }) => feed.kind !== 'partner').flatMap(({ feed }) => checkHomeLink(feed).map((p) => `${feed.site.name}/${feed.relative}: ${p}`));
    expect(problems).toEqual([]);
  });

  // Guards how bodies are written into XML: the readers above compare ids, dates and photos, not bodies.
  it('carries every body as the same HTML in RSS, Atom and JSON Feed, feeds and archive pages alike', async () => {
    const files = sites.flatMap((site) => [...feedFilesOf(site), ...archiveFilesOf(site)]);
    expect(files.filter((file) => file.format === 'rss').length).toBeGreaterThan(20);
    expect(await bodyMismatches(files)).toEqual([]);
  });

  it('keeps every guid and every byte when the same content is built again later', () => {
    // Given: the hard cases built again with a clock a year later.
    const first = sites.find((site) => site.name === 'hard-cases')!;
    const again = buildSite('hard-cases-again', HARD_CASES_DIR, new Date(BUILD_NOW.getTime() + 365 * 86_400_000));
    // Then: every feed file is byte-identical, so ids and dates cannot have moved.
    for (const feed of [...feedFilesOf(first), ...archiveFilesOf(first)]) {
      expect(readFileSync(join(again.outDir, feed.relative), 'utf8'), feed.relative).toBe(readFileSync(feed.path, 'utf8'));
    }
  });

  describe('hard cases come out as characters, encoded URLs and exact values', () => {
    const read = (relative: string) => readFileSync(join(sites.find((s) => s.name === 'hard-cases')!.outDir, relative), 'utf8');

    it('turns &nbsp; and other named entities into characters, never undeclared XML entities', () => {
      const rss = read('rss.xml');
      const json = JSON.parse(read('feed.json')) as { items: Array<{ id: string; content_html: string; title: string }> };
      const specials = json.items.find((item) => item.id === 'urn:wirefeed:conformance:xml-specials')!;
      expect(specials.content_html).toContain('Café &amp; bar\u00a0open — “quoted” … © 2024 €5 😀');
      expect(specials.content_html).not.toMatch(/&(nbsp|eacute|mdash|hellip|copy|euro|ldquo);/);
      expect(rss).not.toMatch(/&(nbsp|eacute|mdash|hellip|copy|euro|ldquo);/);
      expect(specials.title).toBe('Fish & chips <cost> "£5" at O\'Neil\'s ]]> done');
    });

    it('drops control characters and keeps emoji, RTL text and composed marks', () => {
      const json = JSON.parse(read('feed.json')) as { items: Array<{ id: string; title: string; content_html: string }> };
      const byId = (id: string) => json.items.find((item) => item.id === id)!;
      expect(byId('urn:wirefeed:conformance:xml-specials').content_html).toContain('Controlchars here .');
      expect(byId('https://news.example.org/items/scripts-and-marks?id=7&lang=mul').title).toBe('عنوان عربي — שלום עולם — emoji 🌍👩🏽‍💻 — combining: Café ñ Zoë');
    });

    it('resolves a relative body image against a base URL with a path, and shows the published photo', () => {
      // Given: xml-specials.json has <img src="media/hard/Caf%C3%A9%20photo%20%C3%BC.jpg"> and baseUrl https://feeds.example.org/wire.
      const json = JSON.parse(read('feed.json')) as { items: Array<{ id: string; content_html: string; attachments: Array<{ url: string }> }> };
      const specials = json.items.find((item) => item.id === 'urn:wirefeed:conformance:xml-specials')!;
      // Then: the body shows the content-versioned URL the build published, once, and not the unpublished source path.
      const photoUrl = specials.attachments[0]!.url;
      expect(specials.content_html).toContain(`<img src="${photoUrl}" alt="inline" />`);
      expect(specials.content_html.split(photoUrl).length - 1).toBe(1);
      expect(specials.content_html).not.toContain('https://feeds.example.org/media/');
    });

    it('percent-encodes a photo file name with a space and non-ASCII letters', () => {
      expect(read('rss.xml')).toMatch(/<enclosure url="https:\/\/feeds\.example\.org\/wire\/media\/[0-9a-f]{16}\/Caf%C3%A9%20photo%20%C3%BC\.jpg" length="12129" type="image\/jpeg"\/>/);
      expect(read('atom.xml')).toContain('/%D7%A2%D7%91%D7%A8%D7%99%D7%AA%20map.png"');
    });
  });
});
