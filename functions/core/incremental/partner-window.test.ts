import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../site-config.js';
import { compareNewestFirst } from '../newest-first.js';
import { applyPartnerChange, emptyPartnerWindow, partnerRefillNeed, refilledPartnerWindow, sourcesToRender, type PartnerEntry, type PartnerWindow } from './partner-window.js';
import { shuffled } from '../../../test/support/shuffled.js';

const config = parseSiteConfig({ title: 'Wire', description: 'd', language: 'en', partners: { msn: { profile: 'msn', itemLimit: 3 } } }, { baseUrl: 'https://wire.example.org' });
const partner = config.partners![0]!;
const START = Date.parse('2026-01-01T00:00:00Z');

/** A stored candidate: only the fields the window orders and replaces by. */
const entry = (n: number, minutes: number): PartnerEntry => {
  const at = new Date(START + minutes * 60_000).toISOString();
  return { source: `h${n}`, id: `urn:${n}`, published: at, updated: at, xml: `<item>${n}</item>`, checked: {} as PartnerEntry['checked'], file: `stories/${n}.json` };
};


describe('applyPartnerChange', () => {
  it('gives the same window for the same stories in any order: the newest twice the item limit, truncated past it', () => {
    // Given 40 candidates, some published at the same minute (ties go by id), and two take-downs
    const entries = Array.from({ length: 40 }, (_, n) => entry(n, n % 13));
    const kills = [entry(100, 5), entry(101, 9)];
    const expected = [...entries].sort(compareNewestFirst).slice(0, 6);
    for (const seed of [1, 2, 3, 4]) {
      // When each arrives as a publish of its own
      let window: PartnerWindow = emptyPartnerWindow();
      for (const change of shuffled([...entries.map((e) => ({ source: e.source, entry: e })), ...kills.map((k) => ({ source: k.source, kill: k }))], seed)) {
        window = applyPartnerChange(window, partner, change);
      }
      // Then
      expect(window.entries.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      expect(window.truncated).toBe(true);
      expect(window.kills.map((k) => k.id)).toEqual(['urn:101', 'urn:100']);
    }
  });

  it('replaces what a source had, and leaves a story older than a truncated window out', () => {
    let window: PartnerWindow = emptyPartnerWindow();
    for (let n = 0; n < 7; n += 1) window = applyPartnerChange(window, partner, { source: `h${n}`, entry: entry(n, n) });
    expect(window.entries.map((e) => e.id)).toEqual(['urn:6', 'urn:5', 'urn:4', 'urn:3', 'urn:2', 'urn:1']);
    window = applyPartnerChange(window, partner, { source: 'h9', entry: entry(9, -1) });
    expect(window.entries).toHaveLength(6);
    expect(window.entries.some((e) => e.id === 'urn:9')).toBe(false);
    window = applyPartnerChange(window, partner, { source: 'h3', entry: { ...entry(3, 10), source: 'h3' } });
    expect(window.entries.map((e) => e.id)).toEqual(['urn:3', 'urn:6', 'urn:5', 'urn:4', 'urn:2', 'urn:1']);
    window = applyPartnerChange(window, partner, { source: 'h6' });
    expect(window.entries.map((e) => e.id)).toEqual(['urn:3', 'urn:5', 'urn:4', 'urn:2', 'urn:1']);
  });
});

describe('refilling a partner window', () => {
  it('needs the order of the feeds it draws on only when deletions left a truncated window short', () => {
    const short: PartnerWindow = { entries: [entry(1, 1), entry(2, 2)], kills: [], truncated: true };
    expect(partnerRefillNeed(short, partner)).toEqual({ folders: [''], capacity: 6 });
    expect(partnerRefillNeed({ ...short, truncated: false }, partner)).toBeUndefined();
    expect(partnerRefillNeed({ ...short, entries: [entry(1, 1), entry(2, 2), entry(3, 3)] }, partner)).toBeUndefined();
    expect(partnerRefillNeed(short, { ...partner, sections: ['a', 'b'] })?.folders).toEqual(['sections/a', 'sections/b']);
  });

  it('keeps what the window holds, takes what was rendered again, and leaves out what cannot be published', () => {
    // Given a window holding h1 and h2, and a head of the feeds, newest first, longer than the window keeps
    const window: PartnerWindow = { entries: [entry(2, 2), entry(1, 1)], kills: [], truncated: true };
    const need = partnerRefillNeed(window, partner)!;
    const head = ['h5', 'h2', 'h4', 'h1', 'h3', 'h0', 'h9'];
    // When
    expect(sourcesToRender(window, need, head)).toEqual(['h5', 'h4', 'h3', 'h0']);
    const rendered = new Map<string, PartnerEntry | undefined>([['h5', entry(5, 5)], ['h4', undefined], ['h3', entry(3, 3)], ['h0', { ...entry(0, 0), id: 'urn:3' }]]);
    const refilled = refilledPartnerWindow(window, need, head, false, rendered);
    // Then: newest first, h4 left out, the second entry of urn:3 too, and truncated since the head went on
    expect(refilled.entries.map((e) => e.source)).toEqual(['h5', 'h3', 'h2', 'h1']);
    expect(refilled.truncated).toBe(true);
    expect(refilledPartnerWindow(window, need, head.slice(0, 6), false, rendered).truncated).toBe(false);
    expect(refilledPartnerWindow(window, need, head.slice(0, 6), true, rendered).truncated).toBe(true);
  });
});
