import { describe, expect, it } from 'vitest';
import { emptyWindow, factsOf, isWhole, type FeedWindow, type WindowEntry } from './feed-window.js';
import { loadWindow, storeWindow, type StoredWindow } from './window-state.js';
import { fragments } from '../../../test/support/format-fragments.js';

const entry = (n: number): WindowEntry => ({
  id: `urn:test:${n}`,
  source: `s${n}`,
  published: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  updated: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  title: `Story ${n}`,
  link: `https://x.example/${n}`,
  sections: [],
  ...fragments({ rss: `<item>${n}</item>`, atom: `<entry>${n}</entry>`, json: `{"id":"${n}"}` }),
  bytes: 20,
});
const roundTrip = (window: FeedWindow, itemLimit: number) => loadWindow(JSON.parse(JSON.stringify(storeWindow(window, itemLimit))) as StoredWindow);

describe('stored feed windows', () => {
  it('stores each fragment once: spares and the last closed page as facts, the filling page by source', () => {
    // Given a window of six entries showing three, with two filling the archive's open page
    const entries = [6, 5, 4, 3, 2, 1].map(entry);
    const window: FeedWindow = { ...emptyWindow(''), entries, archive: { closed: 1, open: entries.slice(0, 2), last: entries.slice(2, 5) } };
    // When
    const stored = storeWindow(window, 3);
    const loaded = roundTrip(window, 3);
    // Then
    expect(stored.entries.map(isWhole)).toEqual([true, true, true, false, false, false]);
    expect(stored.archive!.open).toEqual(['s6', 's5']);
    expect(stored.archive!.last.some(isWhole)).toBe(false);
    const text = JSON.stringify(stored);
    for (const n of [6, 5, 4, 3, 2, 1]) expect(text.split(`<item>${n}</item>`).length - 1).toBe(n >= 4 ? 1 : 0);
    expect(loaded.entries.slice(0, 3)).toEqual(entries.slice(0, 3));
    expect(loaded.entries[3]).toEqual({ id: 'urn:test:3', source: 's3', published: entries[3]!.published, updated: entries[3]!.updated, title: 'Story 3', link: 'https://x.example/3', sections: [], bytes: 20 });
    expect(loaded.archive!.open).toEqual(entries.slice(0, 2));
    expect(loaded.archive!.open[0]).toBe(loaded.entries[0]);
    expect(loaded.archive!.last.map((e) => e.source)).toEqual(['s4', 's3', 's2']);
  });

  it('keeps a filling-page entry whole when the window holds another version of it, and loads it whole', () => {
    // Given an open page whose entry differs from the window's (a state written mid-correction)
    const entries = [2, 1].map(entry);
    const corrected = { ...entry(2), title: 'Corrected' };
    const window: FeedWindow = { ...emptyWindow(''), entries, archive: { closed: 0, open: [corrected], last: [] } };
    const whole: StoredWindow = { ...emptyWindow(''), entries, archive: { closed: 1, open: [corrected], last: [factsOf(entries[1]!)] } };
    // When
    const stored = storeWindow(window, 2);
    // Then
    expect(stored.archive!.open).toEqual([corrected]);
    expect(loadWindow(whole)).toEqual({ ...emptyWindow(''), entries, archive: { closed: 1, open: [corrected], last: [factsOf(entries[1]!)] } });
    expect(() => loadWindow({ ...whole, archive: { closed: 0, open: ['gone'], last: [] } })).toThrow(/names gone/);
  });
});
