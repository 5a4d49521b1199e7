import { describe, expect, it } from 'vitest';
import { applyChanges, emptyWindow, factsOf, factsOnlyShown, needsRefill, refillWindow, shownEntries, withWholeEntries, type StoredEntry, type WindowEntry } from './feed-window.js';

const entry = (n: number, source = `s${n}`): WindowEntry => ({
  id: `urn:test:${n}`,
  source,
  published: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  updated: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  title: `Story ${n}`,
  link: `https://x.example/${n}`,
  sections: [],
  rss: '',
  atom: '',
  json: '',
});
const ids = (entries: StoredEntry[]) => entries.map((e) => e.id);

describe('applyChanges', () => {
  it('keeps newest first, replaces an update in place and drops past capacity as truncated', () => {
    // Given
    let window = emptyWindow('');
    // When
    window = applyChanges(window, [1, 3, 2].map((n) => ({ kind: 'upsert' as const, entry: entry(n) })), 2);
    // Then
    expect(ids(window.entries)).toEqual(['urn:test:3', 'urn:test:2']);
    expect(window.truncated).toBe(true);
    const updated = { ...entry(2), title: 'Corrected' };
    window = applyChanges(window, [{ kind: 'upsert', entry: updated }], 2);
    expect(window.entries.map((e) => e.title)).toEqual(['Story 3', 'Corrected']);
  });

  it('leaves an entry older than a truncated window outside it, and refills from listed sources', () => {
    // Given
    const window = { ...emptyWindow(''), entries: [entry(5), entry(4)], truncated: true };
    // When
    const afterOld = applyChanges(window, [{ kind: 'upsert', entry: entry(1) }], 3);
    const drained = applyChanges(afterOld, [{ kind: 'remove', source: 's5' }, { kind: 'remove', source: 's4' }], 3);
    // Then
    expect(ids(afterOld.entries)).toEqual(['urn:test:5', 'urn:test:4']);
    expect(needsRefill(drained, 2)).toBe(true);
    const lookup = new Map([entry(3), entry(2), entry(1)].map((e) => [e.source, e]));
    const refilled = refillWindow(drained, { sources: ['s3', 's2', 'gone', 's1'], more: false }, (s) => lookup.get(s), 3);
    expect(ids(refilled.entries)).toEqual(['urn:test:3', 'urn:test:2', 'urn:test:1']);
    expect(refilled.truncated).toBe(false);
  });

  it('renders only whole entries: spares moved up are read back, and one whose item is gone leaves', () => {
    // Given a window whose spares past a limit of 2 are facts only, after the first entry was removed
    const window = { ...emptyWindow(''), entries: [entry(5), factsOf(entry(4)), factsOf(entry(3)), factsOf(entry(2))] };
    // When
    const missing = factsOnlyShown(window, 2);
    const read = withWholeEntries(window, missing, new Map());
    const again = factsOnlyShown(read, 2);
    const whole = withWholeEntries(read, again, new Map([[entry(3).source, entry(3)]]));
    // Then
    expect(missing).toEqual(['s4']);
    expect(() => shownEntries(window, 2)).toThrow(/no fragments/);
    expect(ids(read.entries)).toEqual(['urn:test:5', 'urn:test:3', 'urn:test:2']);
    expect(again).toEqual(['s3']);
    expect(ids(shownEntries(whole, 2))).toEqual(['urn:test:5', 'urn:test:3']);
    expect(factsOnlyShown(whole, 2)).toEqual([]);
  });
});
