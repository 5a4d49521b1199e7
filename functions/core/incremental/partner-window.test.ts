import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../site-config.js';
import { compareNewestFirst } from '../newest-first.js';
import { applyPartnerChange, emptyPartnerWindow, type PartnerEntry, type PartnerWindow } from './partner-window.js';

const config = parseSiteConfig({ title: 'Wire', description: 'd', language: 'en', partners: { msn: { profile: 'msn', itemLimit: 3 } } }, { baseUrl: 'https://wire.example.org' });
const partner = config.partners![0]!;
const START = Date.parse('2026-01-01T00:00:00Z');

/** A stored candidate: only the fields the window orders and replaces by. */
const entry = (n: number, minutes: number): PartnerEntry => {
  const at = new Date(START + minutes * 60_000).toISOString();
  return { source: `h${n}`, id: `urn:${n}`, published: at, updated: at, xml: `<item>${n}</item>`, checked: {} as PartnerEntry['checked'], file: `stories/${n}.json` };
};

/** A seeded shuffle (LCG), so a failure repeats. */
function shuffled<T>(values: readonly T[], seed: number): T[] {
  const out = [...values];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

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
