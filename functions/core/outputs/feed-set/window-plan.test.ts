import { describe, expect, it } from 'vitest';
import { createFeedSetSink } from './feed-set-sink.js';
import { feedFiles, subscriptionFeed } from './feed-set-files.js';
import type { SiteFile } from '../../site-file.js';
import { compareNewestFirst } from '../../newest-first.js';
import { emptyWindow, factsOf, type FeedWindow, type StoredEntry, type WindowChange, type WindowEntry } from '../../incremental/feed-window.js';
import { loadWindow, storeWindow } from '../../incremental/window-state.js';
import { keptWindowRules, planWindow, planWithoutReads, shownEntries, type WindowAnswer, type WindowNeed } from './window-plan.js';
import { shuffled } from '../../../../test/support/shuffled.js';
import { fragments } from '../../../../test/support/format-fragments.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };
const RULES = keptWindowRules(SITE.itemLimit);

const entry = (n: number, title = `Story ${n}`): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title, link: `https://x.example/${n}`, sections: [], ...fragments({ rss: `<item><guid>urn:t:${n}</guid><title>${title}</title></item>\n`, atom: `<entry><id>urn:t:${n}</id></entry>\n`, json: `{"id":"urn:t:${n}"}` }) };
};
const ids = (entries: readonly StoredEntry[]) => entries.map((e) => e.id.slice('urn:t:'.length)).join(',');
const upsert = (e: WindowEntry): WindowChange => ({ kind: 'upsert', entry: e });
const remove = (n: number): WindowChange => ({ kind: 'remove', source: `s${n}` });
const windowOf = (entries: StoredEntry[], truncated = false): FeedWindow => ({ ...emptyWindow(''), entries, truncated });

/**
 * Runs a plan as the publisher's driver does (`use-cases/publish/window-entries.ts`), against the
 * feed's stories held in memory: the order head is the newest of them, an entry is read from its
 * story. Returns the planned window and what it asked for.
 */
function plan(window: FeedWindow, changes: WindowChange[], stories: ReadonlyMap<string, WindowEntry>) {
  const generator = planWindow(RULES, window, changes);
  const asked: WindowNeed[] = [];
  let step = generator.next();
  while (!step.done) {
    const need = step.value;
    asked.push(need);
    let answer: WindowAnswer;
    if (need.kind === 'order') {
      const sorted = [...stories.values()].sort(compareNewestFirst);
      answer = { sources: sorted.slice(0, need.limit).map((story) => story.source), more: sorted.length > need.limit };
    } else answer = new Map(need.sources.flatMap((source) => (stories.has(source) ? [[source, stories.get(source)!] as const] : [])));
    step = generator.next(answer);
  }
  return { ...step.value, asked };
}

/** The window as the publisher stores it between publishes: spares as facts only. */
const stored = (window: FeedWindow): FeedWindow => loadWindow(JSON.parse(JSON.stringify(storeWindow(window, SITE.itemLimit))));

/** The subscription feed the CLI's feed-set sink writes for `stories` (any order: it takes them sorted). */
function cliFeed(stories: WindowEntry[]): SiteFile[] {
  const files: SiteFile[] = [];
  const sink = createFeedSetSink({ site: SITE, folder: '', title: SITE.title, description: SITE.description, archives: false });
  for (const rendered of [...stories].sort(compareNewestFirst).reverse()) sink.add({ rendered } as never, (file) => files.push(file));
  sink.finish((file) => files.push(file));
  return files;
}

const feedOf = (shown: WindowEntry[]) => feedFiles('', subscriptionFeed(SITE, '', SITE, shown, { closed: 0, filling: 0 }));

describe('planWindow: what a subscription feed shows, kept newest first with spares', () => {
  it('keeps newest first, replaces an update in place and drops past capacity as truncated', () => {
    // Given / When: 8 stories out of order into a window of 3 shown and 3 spares
    const { window } = plan(emptyWindow(''), [1, 3, 2, 8, 5, 4, 7, 6].map((n) => upsert(entry(n))), new Map());
    // Then
    expect(ids(window.entries)).toBe('8,7,6,5,4,3');
    expect(window.truncated).toBe(true);
    const corrected = plan(window, [upsert(entry(7, 'Corrected'))], new Map()).window;
    expect(corrected.entries.map((e) => e.title)).toEqual(['Story 8', 'Corrected', 'Story 6', 'Story 5', 'Story 4', 'Story 3']);
    // A version of the same uri from another file replaces it too
    const moved = plan(corrected, [upsert({ ...entry(6, 'Moved'), source: 'elsewhere' })], new Map()).window;
    expect(moved.entries.map((e) => `${e.source}:${e.title}`)).toEqual(['s8:Story 8', 's7:Corrected', 'elsewhere:Moved', 's5:Story 5', 's4:Story 4', 's3:Story 3']);
  });

  it('leaves a story older than a truncated window outside it, where the order still finds it', () => {
    // Given: a truncated window 6,5,4 (older stories exist)
    const window = windowOf([entry(6), entry(5), entry(4)], true);
    // When
    const { window: next, asked } = plan(window, [upsert(entry(1))], new Map());
    // Then: nothing read, 1 left to the order
    expect(ids(next.entries)).toBe('6,5,4');
    expect(asked).toEqual([]);
  });

  it('refills from the order when removals drain it below its feed, reading only the entries it lacks', () => {
    // Given: a truncated window 5,4 over stories 1..5
    const stories = new Map([1, 2, 3].map((n) => [`s${n}`, entry(n)]));
    // When: 5 and 4 are removed together
    const { window, shown, asked } = plan(windowOf([entry(5), entry(4)], true), [remove(5), remove(4)], stories);
    // Then
    expect(asked).toEqual([{ kind: 'order', limit: 6 }, { kind: 'entries', sources: ['s3', 's2', 's1'] }]);
    expect(ids(window.entries)).toBe('3,2,1');
    expect(window.truncated).toBe(false);
    expect(ids(shown)).toBe('3,2,1');
  });

  it('reads back a spare that moves up into the feed; one whose item is gone leaves, and the next moves up', () => {
    // Given: spares past a limit of 3 are facts only
    const window = windowOf([entry(6), entry(5), entry(4), factsOf(entry(3)), factsOf(entry(2)), factsOf(entry(1))]);
    const stories = new Map([entry(2), entry(1)].map((e) => [e.source, e]));
    // When: 6 is removed, and 3's item is gone
    const { window: next, shown, asked } = plan(window, [remove(6)], stories);
    // Then
    expect(asked).toEqual([{ kind: 'entries', sources: ['s3'] }, { kind: 'entries', sources: ['s2'] }]);
    expect(ids(shown)).toBe('5,4,2');
    expect(ids(next.entries)).toBe('5,4,2,1');
    expect(() => shownEntries(RULES, window)).not.toThrow();
    expect(() => shownEntries(RULES, windowOf([factsOf(entry(3))]))).toThrow(/no fragments/);
  });

  it('refills again when a spare that moved up turned out gone and left the feed short', () => {
    // Given: a truncated window whose spare 2 was removed behind its back (its item and marker are gone)
    const window = windowOf([entry(5), entry(4), entry(3), factsOf(entry(2))], true);
    const stories = new Map([entry(4), entry(3), entry(1)].map((e) => [e.source, e]));
    // When
    const { shown, asked } = plan(window, [remove(5)], stories);
    // Then
    expect(asked).toEqual([{ kind: 'entries', sources: ['s2'] }, { kind: 'order', limit: 6 }, { kind: 'entries', sources: ['s1'] }]);
    expect(ids(shown)).toBe('4,3,1');
  });

  it('takes a set of changes: their order within it does not change the window', () => {
    // Given: a full, truncated window 9..4; a late story before its oldest, and the removal of its newest
    const window = windowOf([9, 8, 7, 6, 5, 4].map((n) => entry(n)), true);
    const late = { ...entry(4), id: 'urn:t:4.5', source: 's4.5', published: new Date(Date.UTC(2024, 0, 1, 0, 4, 30)).toISOString() };
    // When
    const one = plan(window, [upsert(late), remove(9)], new Map()).window;
    const other = plan(window, [remove(9), upsert(late)], new Map()).window;
    // Then: it knew every story down to 4, so it keeps 4 either way (one change at a time, in the first order, would have dropped it)
    expect(ids(one.entries)).toBe('8,7,6,5,4.5,4');
    expect(other).toEqual(one);
  });

  it('refuses two changes of one story in a set', () => {
    expect(() => plan(emptyWindow(''), [upsert(entry(1)), remove(1)], new Map())).toThrow(/more than one change of s1/);
    expect(() => plan(emptyWindow(''), [upsert(entry(1)), upsert({ ...entry(1), source: 'other' })], new Map())).toThrow(/more than one change/);
  });

  it('never asks for a read while appending, and says so if it would', () => {
    let window = emptyWindow('');
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) window = planWithoutReads(planWindow(RULES, window, [upsert(entry(n))])).window;
    expect(ids(window.entries)).toBe('8,7,6,5,4,3');
    expect(() => planWithoutReads(planWindow(RULES, windowOf([entry(2)], true), [remove(2)]))).toThrow(/asked for order/);
  });

  it('shows the feed the CLI builds from the sorted stories, for any arrival order in sets of any size, removals draining it included', () => {
    const all = Array.from({ length: 20 }, (_, i) => entry(i + 1));
    for (let seed = 1; seed <= 60; seed++) {
      // Given: the stories published in a shuffled order, in sets of 1 to 4 changes, then most of
      // the newest removed or corrected (also in shuffled sets), so the spares drain and refill
      const stories = new Map<string, WindowEntry>();
      let window = emptyWindow('');
      const arrivals: WindowChange[][] = [];
      const order = shuffled(all, seed);
      for (let at = 0, size = 1; at < order.length; at += size, size = 1 + ((seed + at) % 4)) arrivals.push(order.slice(at, at + size).map(upsert));
      const later = shuffled(all.slice(4), seed * 7919).slice(0, 14);
      for (let at = 0, size = 1; at < later.length; at += size, size = 1 + ((seed * 3 + at) % 3)) {
        arrivals.push(later.slice(at, at + size).map((story, i) => ((seed + at + i) % 4 === 0 ? upsert(entry(Number(story.id.slice(6)), 'Corrected')) : { kind: 'remove', source: story.source })));
      }
      for (const changes of arrivals) {
        // When: each set is published against the stored window
        for (const change of changes) {
          if (change.kind === 'remove') stories.delete(change.source);
          else stories.set(change.entry.source, change.entry);
        }
        const planned = plan(stored(window), changes, stories);
        window = planned.window;
        // Then: after every set the feed shows the newest of the stories there are
        const newest = [...stories.values()].sort(compareNewestFirst).slice(0, SITE.itemLimit);
        expect(ids(planned.shown), `seed ${seed}`).toBe(ids(newest));
        expect(feedOf(planned.shown), `seed ${seed}`).toEqual(cliFeed([...stories.values()]));
      }
    }
  });
});
