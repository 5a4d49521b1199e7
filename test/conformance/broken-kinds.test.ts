import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFilesOf, buildSite, feedFilesOf, partnerFilesOf, removeTempDirs, type BuiltSite } from './build-sites.js';
import { checkArchives } from './archive-links.js';
import { expectedItems, sourceStories } from './expected-feed.js';
import { checkPartnerIdentity } from './partner-feeds.js';
import { checkFeedXsl, checkNewsSitemap, checkOpml, SITEMAP_SCHEMA } from './site-documents.js';
import { SAMPLE_NOW, buildSyndicationSite, sampleSyndicationContent } from './syndication-content.js';
import { validateRelaxNg } from './system-readers.js';
import type { Story } from '../../functions/core/story.js';

/**
 * The checks added for archive pages, partner feeds and site documents must fail on a broken file:
 * each case edits one built file, runs the check, and puts the file back.
 */
describe('the feed-kind checks catch what they are for', () => {
  let site: BuiltSite;
  let stories: Story[];

  beforeAll(() => {
    site = buildSyndicationSite('broken-kinds', sampleSyndicationContent(), SAMPLE_NOW, { itemLimit: 2, baseUrl: 'https://wire.example.org' });
    stories = sourceStories(site);
  });
  afterAll(() => removeTempDirs());

  /** Runs `check` with one built file edited by `edit`, then restores the file. */
  function withEdit<T>(relative: string, edit: (text: string) => string, check: () => T): T {
    const path = join(site.outDir, relative);
    const original = readFileSync(path, 'utf8');
    const edited = edit(original);
    expect(edited, `the edit changed ${relative}`).not.toBe(original);
    writeFileSync(path, edited);
    try {
      return check();
    } finally {
      writeFileSync(path, original);
    }
  }
  const archiveProblems = () => [...checkArchives(site, stories).values()].flat().join('\n');

  it('passes the unedited build', () => {
    expect(archiveProblems()).toBe('');
    for (const feed of partnerFilesOf(site)) expect(checkPartnerIdentity(feed, stories)).toEqual([]);
    expect(checkNewsSitemap(site, stories).problems).toEqual([]);
    expect(checkOpml(site).problems).toEqual([]);
  });

  it('catches an archive page without fh:archive, a dangling next-archive and a lost story', () => {
    expect(withEdit('archive/1/atom.xml', (t) => t.replace('<fh:archive/>', ''), archiveProblems)).toContain('no fh:archive element');
    const dangling = withEdit('archive/1/rss.xml', (t) => t.replace('/archive/2/rss.xml', '/archive/9/rss.xml'), archiveProblems);
    expect(dangling).toContain('next-archive: expected https://wire.example.org/archive/2/rss.xml, got https://wire.example.org/archive/9/rss.xml');
    expect(dangling).toContain('is not a file the build wrote');
    const lost = withEdit('archive/2/feed.json', (t) => {
      const json = JSON.parse(t) as { items: unknown[] };
      json.items.pop();
      return JSON.stringify(json);
    }, archiveProblems);
    expect(lost).toMatch(/history via prev-archive: expected .*, got /);
    expect(withEdit('rss.xml', (t) => t.replace(/<atom:link rel="prev-archive"[^>]*\/>/, ''), archiveProblems)).toContain('prev-archive chain visits 1 documents, expected 4');
  });

  it('catches a partner item whose pubDate differs from the main feed, and a kill outside MSN', () => {
    const google = partnerFilesOf(site).find((feed) => feed.folder === 'partners/google-news')!;
    const moved = withEdit(google.relative, (t) => t.replace('210526-militarovning-a0f2d045</guid>\n<pubDate>Wed, 26 May 2021 11:40:18 +0000', '210526-militarovning-a0f2d045</guid>\n<pubDate>Wed, 26 May 2021 11:40:19 +0000'), () => checkPartnerIdentity(google, stories));
    expect(moved.join('\n')).toContain('identity: item http://tt.se/media/text/210526-militarovning-a0f2d045: pubDate "Wed, 26 May 2021 11:40:19 +0000", main feed "Wed, 26 May 2021 11:40:18 +0000"');
    const killed = withEdit(google.relative, (t) => t.replace('</dcterms:modified>', '</dcterms:modified><dcterms:valid>end=2021-05-26T18:30:00Z;</dcterms:valid>'), () => checkPartnerIdentity(google, stories));
    expect(killed.join('\n')).toContain('only MSN reads dcterms:valid');
    const msn = partnerFilesOf(site).find((feed) => feed.folder === 'partners/msn')!;
    const late = withEdit(msn.relative, (t) => t.replace('end=2021-05-26T18:30:00Z;', 'end=2099-01-01T00:00:00Z;'), () => checkPartnerIdentity(msn, stories));
    expect(late.join('\n')).toContain('is not end=<take-down time>; in the past');
  });

  it('catches a news sitemap with a bad language, a missing entry or a wrong date', () => {
    const schema = withEdit('news-sitemap.xml', (t) => t.replace('<news:language>sv</news:language>', '<news:language>sv-SE</news:language>'), () => validateRelaxNg(SITEMAP_SCHEMA, join(site.outDir, 'news-sitemap.xml')));
    expect(schema.join('\n')).toMatch(/news:language/);
    const missing = withEdit('news-sitemap.xml', (t) => t.replace(/<url>[\s\S]*?<\/url>\n/, ''), () => checkNewsSitemap(site, stories).problems);
    expect(missing).toContain('entries: expected 1 stories from the last two days, got 0');
    const date = withEdit('news-sitemap.xml', (t) => t.replace('2021-05-26T11:40:18Z', '2021-05-26T11:40:00Z'), () => checkNewsSitemap(site, stories).problems);
    expect(date.join('\n')).toContain('is not the first publication');
  });

  it('catches an OPML outline whose feed the build did not write', () => {
    const problems = withEdit('feeds.opml', (t) => t.replace('/sections/politics/rss.xml', '/sections/nope/rss.xml'), () => checkOpml(site).problems);
    expect(problems.join('\n')).toContain('outline https://wire.example.org/sections/nope/rss.xml: xmlUrl is not a file the build wrote');
  });

  it('catches a feed XSL that leaves out the item titles', () => {
    const feed = feedFilesOf(site).find((f) => f.relative === 'atom.xml')!;
    expect(checkFeedXsl(feed, expectedItems(feed, stories))).toEqual([]);
    const problems = withEdit('feed.xsl', (t) => t.replace(`<a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>`, `<a href="{atom:link[@rel='alternate']/@href}">story</a>`), () => checkFeedXsl(feed, expectedItems(feed, stories)));
    expect(problems.join('\n')).toMatch(/^page: expected .*"text":"story"/);
    const archive = archiveFilesOf(site).find((f) => f.relative === 'archive/1/rss.xml')!;
    expect(withEdit(archive.relative, (t) => t.replace('https://wire.example.org/feed.xsl', 'https://wire.example.org/nope.xsl'), () => checkFeedXsl(archive, expectedItems(archive, stories))).join('\n')).toContain('xml-stylesheet');
  });
});
