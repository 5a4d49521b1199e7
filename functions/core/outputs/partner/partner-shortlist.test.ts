import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../site-config.js';
import { buildFeedItem } from '../../feed-item.js';
import { compareNewestFirst } from '../../newest-first.js';
import type { Story } from '../../story.js';
import { DEPTH, emptyPartnerShortlist, PartnerPlanner, type PartnerChange, type PartnerShortlist } from './partner-shortlist.js';
import { partnerEntry, type PartnerEntry } from './partner-entry.js';
import { shuffled } from '../../../../test/support/shuffled.js';

const config = parseSiteConfig({ title: 'Wire', description: 'd', language: 'en', partners: { msn: { profile: 'msn', itemLimit: 3, imageMinWidth: 0 } } }, { baseUrl: 'https://wire.example.org' });
const partner = config.partners![0]!;
const START = Date.parse('2026-01-01T00:00:00Z');
const NOW = new Date('2026-01-02T00:00:00Z');

/** Candidate `n`, first published `minutes` after START; a `short` title fails MSN's title rule. */
const entry = (n: number, minutes: number, short = false): PartnerEntry => {
  const at = new Date(START + minutes * 60_000);
  const story: Story = {
    id: `urn:${n}`, version: '1', title: short ? `S${n}` : `Story number ${n} of the partner wire`, summary: `Summary ${n}`, bodyHtml: `<p>Body ${n}</p>`,
    authors: ['Ana'], categories: [], status: 'usable', published: at, updated: at, source: `stories/${n}.json`, photos: [],
  };
  return partnerEntry(buildFeedItem(story, { photos: [], copies: [] }, config.baseUrl), partner, config, `h${n}`);
};
const ids = (file: { body: string }) => [...file.body.matchAll(/<guid isPermaLink="false">([^<]+)</g)].map((match) => match[1]);
const planned = (changes: PartnerChange[], shortlist: PartnerShortlist = emptyPartnerShortlist(), now = NOW) => {
  const planner = new PartnerPlanner(config, partner, shortlist, now);
  for (const change of changes) planner.change(change);
  return planner;
};

describe('PartnerPlanner', () => {
  it('shows the newest item-limit candidates that pass, among the newest DEPTH × item limit, and keeps the same shortlist, whatever order they came in', () => {
    // Given 40 candidates, some published at the same minute (ties go by id), a third too short for
    // MSN; and 40 more whose 10 newest are all too short
    const mixed = Array.from({ length: 40 }, (_, n) => entry(n, n % 13, n % 3 === 0));
    const headFails = Array.from({ length: 40 }, (_, n) => entry(n, n, n >= 30));
    for (const entries of [mixed, headFails]) {
      const sorted = [...entries].sort(compareNewestFirst);
      const probe = new PartnerPlanner(config, partner, emptyPartnerShortlist(), NOW);
      const expected = sorted.slice(0, partner.itemLimit * DEPTH).filter((e) => probe.passes(e)).slice(0, partner.itemLimit).map((e) => e.id);
      const bodies = new Set<string>();
      const shortlists = new Set<string>();
      for (const seed of [1, 2, 3, 4]) {
        // When each arrives as a change of its own, in a shuffled order
        const planner = planned(shuffled(entries, seed).map((e) => ({ source: e.source, entry: e })));
        // Then the same file, with the expected items
        const file = planner.render();
        expect(ids(file)).toEqual(expected);
        bodies.add(file.body);
        shortlists.add(planner.shortlist.entries.map((e) => e.id).join(' '));
        expect(planner.shortlist.truncated).toBe(true);
        expect(planner.shortlist.entries.length).toBeLessThanOrEqual(partner.itemLimit * DEPTH);
      }
      expect(bodies.size).toBe(1);
      expect(shortlists.size).toBe(1);
    }
    // The newest ten fail: of the twelve newest, two pass, and the older ones are past the depth
    expect(ids(planned(headFails.map((e) => ({ source: e.source, entry: e }))).render())).toEqual(['urn:29', 'urn:28']);
  });

  it('keeps candidates until it holds twice the item limit that pass, failing ones among them', () => {
    const entries = [entry(1, 1), entry(2, 2), entry(3, 3, true), entry(4, 4), entry(5, 5, true), entry(6, 6), entry(7, 7), entry(8, 8), entry(9, 9)];
    const shortlist = planned(entries.map((e) => ({ source: e.source, entry: e }))).shortlist;
    expect(shortlist.entries.map((e) => e.id)).toEqual(['urn:9', 'urn:8', 'urn:7', 'urn:6', 'urn:5', 'urn:4', 'urn:3', 'urn:2']);
    expect(shortlist.truncated).toBe(true);
  });

  it('replaces what a source had, and leaves a story older than a truncated shortlist out', () => {
    const planner = planned(Array.from({ length: 7 }, (_, n) => ({ source: `h${n}`, entry: entry(n, n) })));
    expect(planner.shortlist.entries.map((e) => e.id)).toEqual(['urn:6', 'urn:5', 'urn:4', 'urn:3', 'urn:2', 'urn:1']);
    planner.change({ source: 'h9', entry: entry(9, -1) });
    expect(planner.shortlist.entries.some((e) => e.id === 'urn:9')).toBe(false);
    planner.change({ source: 'h3', entry: entry(3, 10) });
    expect(planner.shortlist.entries.map((e) => e.id)).toEqual(['urn:3', 'urn:6', 'urn:5', 'urn:4', 'urn:2', 'urn:1']);
    planner.change({ source: 'h6' });
    expect(planner.shortlist.entries.map((e) => e.id)).toEqual(['urn:3', 'urn:5', 'urn:4', 'urn:2', 'urn:1']);
  });

  it('merges shortlists planned apart from parts of the candidates into the shortlist of them all', () => {
    // Given 40 candidates, a third too short for MSN, dealt into three parts the newest first
    // (each truncated: it holds more than its shortlist keeps), and planned apart as rebuild children do
    const entries = Array.from({ length: 40 }, (_, n) => entry(n, n % 13, n % 3 === 0));
    const whole = planned(entries.map((e) => ({ source: e.source, entry: e })));
    const sorted = [...entries].sort(compareNewestFirst);
    const parts = [sorted.slice(0, 20), sorted.slice(20, 30), sorted.slice(30)].map((part) => planned(part.map((e) => ({ source: e.source, entry: e }))));
    expect(parts.map((part) => part.shortlist.truncated)).toEqual([true, true, true]);
    // When the first takes the others' stored shortlists, in either order
    for (const order of [[1, 2], [2, 1]]) {
      const merging = planned(sorted.slice(0, 20).map((e) => ({ source: e.source, entry: e })));
      for (const index of order) merging.merge(parts[index]!.shortlist);
      // Then the same shortlist and file as one planner over every candidate
      expect(merging.shortlist).toEqual(whole.shortlist);
      expect(merging.render().body).toBe(whole.render().body);
    }
    // …and the oldest part, taking the newest, too
    const oldest = planned(sorted.slice(30).map((e) => ({ source: e.source, entry: e })));
    oldest.merge(parts[0]!.shortlist);
    expect(oldest.shortlist).toEqual(whole.shortlist);
  });
});

describe('refilling a partner shortlist', () => {
  it('is needed only when a truncated shortlist short of its depth holds fewer passing candidates than the item limit', () => {
    const short: PartnerShortlist = { entries: [entry(1, 1), entry(2, 2), entry(3, 3, true)], kills: [], truncated: true };
    expect(new PartnerPlanner(config, partner, short, NOW).refillNeed()).toEqual({ folders: [''], capacity: partner.itemLimit * DEPTH });
    expect(new PartnerPlanner(config, partner, { ...short, truncated: false }, NOW).refillNeed()).toBeUndefined();
    expect(new PartnerPlanner(config, partner, { ...short, entries: [...short.entries, entry(4, 4)] }, NOW).refillNeed()).toBeUndefined();
    expect(new PartnerPlanner(config, { ...partner, sections: ['a', 'b'] }, short, NOW).refillNeed()?.folders).toEqual(['sections/a', 'sections/b']);
    // …but not at its depth: it holds every candidate the feed may show, so the order has nothing more
    const deep = Array.from({ length: partner.itemLimit * DEPTH }, (_, n) => entry(n, n, n > 1));
    expect(new PartnerPlanner(config, partner, { ...short, entries: deep }, NOW).refillNeed()).toBeUndefined();
    expect(new PartnerPlanner(config, partner, { ...short, entries: deep.slice(1) }, NOW).refillNeed()).toBeDefined();
    // …and when its candidates age past MSN's 365 days, at a later publish
    const later = new Date(START + 365.5 * 86_400_000);
    const aged: PartnerShortlist = { entries: [entry(8, 1_000), entry(7, 900), entry(6, 1), entry(5, 0)], kills: [], truncated: true };
    expect(new PartnerPlanner(config, partner, aged, NOW).refillNeed()).toBeUndefined();
    expect(new PartnerPlanner(config, partner, aged, later).refillNeed()).toBeDefined();
  });

  it('keeps what the shortlist holds, asks for the rest newest first, leaves out what cannot be published, and stops at its spare', () => {
    // Given a shortlist holding h2 and h1, and a head of the feeds, newest first
    const planner = new PartnerPlanner(config, partner, { entries: [entry(2, 2), entry(1, 1)], kills: [], truncated: true }, NOW);
    const need = planner.refillNeed()!;
    const head = ['h9', 'h8', 'h2', 'h7', 'h1', 'h6', 'h5', 'h4', 'h3', 'h0'];
    const rendered = new Map<string, PartnerEntry | undefined>([['h9', entry(9, 9)], ['h8', entry(8, 8, true)], ['h7', undefined], ['h6', { ...entry(6, 6), id: 'urn:9' }], ['h5', entry(5, 5)], ['h4', entry(4, 4)], ['h3', entry(3, 3)]]);
    // When
    const asked: string[] = [];
    const steps = planner.refill(need, head, false);
    for (let step = steps.next(); !step.done; ) {
      asked.push(step.value);
      step = steps.next(rendered.get(step.value));
    }
    // Then: h7 left out, the second entry of urn:9 too, and no more asked once six pass
    expect(asked).toEqual(['h9', 'h8', 'h7', 'h6', 'h5', 'h4', 'h3']);
    expect(planner.shortlist.entries.map((e) => e.source)).toEqual(['h9', 'h8', 'h5', 'h4', 'h3', 'h2', 'h1']);
    expect(planner.shortlist.truncated).toBe(true);
    // A head read to its end leaves a complete shortlist
    const whole = new PartnerPlanner(config, partner, { entries: [entry(2, 2), entry(1, 1)], kills: [], truncated: true }, NOW);
    const all = whole.refill(need, ['h2', 'h1'], false);
    expect(all.next().done).toBe(true);
    expect(whole.shortlist.truncated).toBe(false);
  });
});
