import { describe, expect, it, vi } from 'vitest';
import { buildSite } from '../../build-site.js';
import { createPartnerOutputs } from '../../outputs/partner-outputs.js';
import { parseSiteConfig } from '../../site-config.js';
import type { Story } from '../../story.js';
import { buildFeedItem } from '../../feed-item.js';
import { emptyPartnerShortlist, PartnerPlanner } from '../../outputs/partner/partner-shortlist.js';
import { killEntry, partnerEntry } from '../../outputs/partner/partner-entry.js';
import { findProfile, profileNames } from '../profile-of.js';
import type { PartnerProfile } from '../partner-profile.js';

/**
 * Adding a partner means its profile file and one registry line: this test adds that line (the
 * registry as it is, plus a throwaway profile) and shows that the CLI build's partner output and the
 * publisher's partner shortlist both follow the new profile, with no other code aware of it.
 */
vi.mock('./registry.js', async (importOriginal) => {
  const { PARTNER_PROFILES } = await importOriginal<typeof import('./registry.js')>();
  const { titleLength } = await import('../preflight/title.js');
  const throwaway: PartnerProfile = {
    name: 'example-news',
    defaults: { itemLimit: 3, content: 'summary', imageMinWidth: 0 },
    feedBytes: 1024 * 1024,
    announcesKills: true,
    namespaces: [{ prefix: 'ex', uri: 'https://partner.example/ns' }],
    channelDescription: () => 'Example News feed',
    channelLogo: (url) => `<ex:logo>${url}</ex:logo>\n`,
    creditWithoutByline: () => 'Example Desk',
    itemThumbnail: false,
    rules: [titleLength({ severity: 'error', source: 'https://partner.example/rules', min: 20, max: 200 })],
  };
  return { PARTNER_PROFILES: [...PARTNER_PROFILES, throwaway] };
});

const NOW = new Date('2026-03-10T12:00:00Z');
const story = (n: number, fields: Partial<Story> = {}): Story => ({
  id: `urn:example:${n}`,
  version: '1',
  title: `Harbour story number ${n} with a long enough title`,
  summary: `Summary ${n}.`,
  bodyHtml: `<p>Body of story ${n}.</p>`,
  authors: [],
  categories: [],
  status: 'usable',
  published: new Date(Date.UTC(2026, 2, 10, n)),
  updated: new Date(Date.UTC(2026, 2, 10, n, 30)),
  source: `stories/${n}.json`,
  photos: [],
  ...fields,
});

describe('a profile added by one registry line', () => {
  const site = parseSiteConfig({ title: 'Wire', description: 'The wire', baseUrl: 'https://wire.example.org', partners: { ex: { profile: 'example-news', logo: 'https://wire.example.org/logo.png' } } });
  const stories = [
    story(1),
    story(2, { title: 'A short title' }),
    story(3, { authors: ['Jo Reporter'] }),
    // Public at 04:00, taken down at 09:00: a kill, and the feed carried it.
    story(4, { status: 'canceled', updated: new Date(Date.UTC(2026, 2, 10, 9)) }),
    story(5),
  ];

  it('is known by name, with its defaults', () => {
    expect(profileNames().at(-1)).toBe('example-news');
    expect(findProfile('example-news')?.name).toBe('example-news');
    expect(site.partners).toEqual([{ name: 'ex', profile: 'example-news', itemLimit: 3, content: 'summary', imageMinWidth: 0, logo: 'https://wire.example.org/logo.png' }]);
  });

  it('shapes the feed a build writes: its namespace, channel, credit, content choice, rules and kills', () => {
    // When
    const partners = createPartnerOutputs(site, NOW, { ex: ['urn:example:4'] });
    const build = buildSite({ site, stories, catalog: () => undefined, now: NOW }, partners.sinks);
    const xml = build.files.find((file) => file.path === 'partners/ex/rss.xml')!.body as string;
    // Then
    expect(xml).toContain(' xmlns:ex="https://partner.example/ns">');
    expect(xml).toContain('<description>Example News feed</description>\n');
    expect(xml).toContain('<ex:logo>https://wire.example.org/logo.png</ex:logo>\n');
    expect(xml).not.toContain('<content:encoded>');
    expect([...xml.matchAll(/<guid isPermaLink="false">([^<]+)</g)].map((match) => match[1])).toEqual(['urn:example:5', 'urn:example:4', 'urn:example:3', 'urn:example:1']);
    // The kill notice has no byline either: it is credited like any story without one, never by the story's name.
    expect(xml.match(/<dc:creator>[^<]+<\/dc:creator>/g)).toEqual(['<dc:creator>Example Desk</dc:creator>', '<dc:creator>Example Desk</dc:creator>', '<dc:creator>Jo Reporter</dc:creator>', '<dc:creator>Example Desk</dc:creator>']);
    expect(xml).toContain('<dcterms:valid>end=2026-03-10T09:00:00Z;</dcterms:valid>');
    expect(partners.reportLines()).toEqual(['partner ex: stories/2.json: title-length: left out: title is 13 characters; must be 20–200 (https://partner.example/rules)']);
    expect(partners.carried()).toEqual({ ex: ['urn:example:1', 'urn:example:3', 'urn:example:4', 'urn:example:5'] });
  });

  it('gives the publisher the same file from its shortlist', () => {
    const partner = site.partners![0]!;
    const cli = buildSite({ site, stories, catalog: () => undefined, now: NOW }, createPartnerOutputs(site, NOW, { ex: ['urn:example:4'] }).sinks);
    const live = stories.filter((s) => s.status === 'usable').map((s) => partnerEntry(buildFeedItem(s, { photos: [], copies: [] }, site.baseUrl), partner, site, s.source));
    // The shortlist a publish of each story leaves, in the order they came
    const planner = new PartnerPlanner(site, partner, emptyPartnerShortlist(), NOW);
    for (const entry of live) planner.change({ source: entry.source, entry });
    planner.change({ source: 'stories/4.json', kill: killEntry(stories[3]!, partner, site, 'stories/4.json') });
    expect(planner.render().body).toBe(cli.files.find((file) => file.path === 'partners/ex/rss.xml')!.body);
  });
});
