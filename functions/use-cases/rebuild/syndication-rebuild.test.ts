import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../core/feed-item.js';
import { emptyPartnerShortlist, PartnerPlanner, type PartnerShortlist } from '../../core/outputs/partner/partner-shortlist.js';
import { partnerEntry, type PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import { formatPartnerReport } from '../../core/outputs/partner-outputs.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import { S3_STATE_KEYS as keys } from '../../adapters/s3-state-layout.js';
import { md5Hex } from '../../core/incremental/layout.js';
import { decodeFramed, encodeFramed } from '../../core/incremental/framed-state.js';
import { FragmentBytes } from '../../core/incremental/fragment-bytes.js';
import { parseSiteConfig } from '../../core/site-config.js';
import type { Story } from '../../core/story.js';
import type { PublishContext } from '../publish/publish-context.js';
import { SyndicationRebuild } from './syndication-rebuild.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const config = parseSiteConfig(
  { title: 'Wire', description: 'Test wire', language: 'en', partners: { msn: { profile: 'msn', itemLimit: 3 }, 'flip-odd': { profile: 'flipboard', sections: ['odd'], itemLimit: 2, imageMinWidth: 0 } } },
  { baseUrl: 'https://wire.example.org' },
);

/** Story `n`, first published `n` minutes before NOW (so the newest is n = 1); odd ones in section "Odd". */
function story(n: number): Story {
  const published = new Date(NOW.getTime() - n * 60_000);
  return {
    id: `urn:test:${n}`, version: '1', title: `Story number ${n} of the wire`, summary: `Summary ${n}`, bodyHtml: `<p>Body of story ${n}, long enough for every partner.</p>`,
    authors: ['Ana'], categories: n % 2 ? [{ name: 'Odd', slug: 'odd' }] : [], status: 'usable', language: 'en',
    published, updated: published, source: `stories/${n}.json`, photos: [],
  };
}

/**
 * The shortlist of every candidate at once, as the planner defines it: the newest, up to twice the item
 * limit that pass preflight at NOW or four times the item limit in all.
 */
function shortlistOfAll(partner: PartnerConfig, entries: PartnerEntry[]): PartnerShortlist {
  const probe = new PartnerPlanner(config, partner, emptyPartnerShortlist(), NOW);
  const sorted = [...entries].sort(compareNewestFirst);
  let passing = 0;
  const kept: PartnerEntry[] = [];
  for (const entry of sorted) {
    if (kept.length === partner.itemLimit * 4 || passing === partner.itemLimit * 2) break;
    kept.push(entry);
    if (probe.passes(entry)) passing += 1;
  }
  return { entries: kept, kills: [], truncated: sorted.length > kept.length };
}

describe('SyndicationRebuild', () => {
  it('writes what the shortlists built from every story at once hold, though it keeps only the newest candidates on the way', async () => {
    // Given: 2 502 recent stories in no particular order: enough to prune the sitemap and both
    // partners many times, and a count after which a prune that kept only a full shortlist (6 for MSN)
    // would leave the shortlist looking complete
    const numbers = Array.from({ length: 2502 }, (_, i) => ((i * 7919) % 2502) + 1);
    const items = numbers.map((n) => ({ hash: `h${n}`, item: buildFeedItem(story(n), { photos: [], copies: [] }, config.baseUrl) }));
    const written = new Map<string, string | Uint8Array>();
    const ctx = { config, now: NOW, preflight: [], fragments: new FragmentBytes(), state: { keys } } as unknown as PublishContext;
    // When
    const rebuild = new SyndicationRebuild(ctx, () => false);
    for (const { hash, item } of items) rebuild.addPublished(hash, item);
    await rebuild.finish(async (path, body) => (written.set(path, body), md5Hex(body)));
    // Then: each partner feed and the sitemap are those of all stories at once
    for (const partner of config.partners!) {
      const all = items.filter(({ item }) => partner.sections === undefined || item.story.categories.some((c) => partner.sections!.includes(c.slug)));
      const shortlist = shortlistOfAll(partner, all.map(({ hash, item }) => partnerEntry(item, partner, config, hash)));
      expect(shortlist.truncated).toBe(true);
      const feed = new PartnerPlanner(config, partner, shortlist, NOW).render();
      expect(written.get(feed.path), feed.path).toBe(feed.body);
      const shown = partner.profile === 'msn' ? { shown: feed.carried } : {};
      expect(Buffer.from(written.get(keys.partnerShortlist(partner)) as Uint8Array).equals(encodeFramed({ ...shortlist, md5: md5Hex(feed.body), ...shown }, new FragmentBytes()))).toBe(true);
    }
    // and the sitemap lists the newest 1,000 (stories 1 to 1000), newest first
    const linkOf = new Map(items.map(({ item }) => [item.story.id, item.link]));
    const locs = [...String(written.get('news-sitemap.xml')).matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);
    expect(locs).toEqual(Array.from({ length: 1000 }, (_, i) => linkOf.get(`urn:test:${i + 1}`)));
    expect(JSON.parse(String(written.get(keys.sitemap))).entries).toHaveLength(1000);
  });
});

describe('partner shortlists stored framed', () => {
  it('render the same feed bytes from tokens as from text, cut to the size cap alike', () => {
    // Given an MSN shortlist (2 MB cap) of four items of ~800 KB of two-byte characters each, the
    // newest with a blank body (an MSN error, so it is left out: preflight must read the content's
    // text, not its token)
    const msn = config.partners!.find((partner) => partner.profile === 'msn')!;
    const entries = [1, 2, 3, 4].map((n) => {
      const entry = partnerEntry(buildFeedItem(story(n), { photos: [], copies: [] }, config.baseUrl), msn, config, `h${n}`);
      return { ...entry, xml: `<item>${'é'.repeat(400_000)}${n}</item>\n`, checked: n === 1 ? { ...entry.checked, content: ' \n ', description: '' } : entry.checked };
    });
    const shortlist = shortlistOfAll(msn, entries);
    const fragments = new FragmentBytes();
    const read = decodeFramed<PartnerShortlist>(encodeFramed(shortlist, new FragmentBytes()), fragments);
    // When
    const fromText = new PartnerPlanner(config, msn, shortlist, NOW).render();
    const fromTokens = new PartnerPlanner(config, msn, read, NOW, fragments).render();
    // Then: the read shortlist's items are tokens, and the feeds are byte for byte the same: the blank
    // one left out, and one more cut to the size cap
    expect(read.entries[0]!.xml).toMatch(/^\u0000wf:/);
    expect(Buffer.from(fragments.bytesOf(fromTokens.body)).equals(Buffer.from(fromText.body))).toBe(true);
    expect(fromText.body.split('<item>').length - 1).toBe(2);
    expect(fromText.reports.map(formatPartnerReport).some((line) => line.includes('body'))).toBe(true);
    expect(fromTokens.reports).toEqual(fromText.reports);
  });
});
