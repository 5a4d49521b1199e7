import { describe, expect, it } from 'vitest';
import { newsSitemapPlanner, planNewsSitemap, touchesNewsSitemap, type NewsSitemapChange, type SitemapEntry } from './news-sitemap-planner.js';
import { shuffled } from '../../../test/support/shuffled.js';

const SITE = { title: 'Wire', description: 'd', baseUrl: 'https://x.example', language: 'en', itemLimit: 50, hubs: [] };
const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const entry = (id: string, hoursAgo: number, source = `s-${id}`): SitemapEntry => ({ source, id, link: `https://x.example/${id}`, title: id, published: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString() });
const ids = (entries: readonly SitemapEntry[]) => entries.map((e) => e.id);


describe('the news sitemap planner', () => {
  it('keeps the last two days newest first, replaces a story by source and prunes what aged out', () => {
    let plan = planNewsSitemap(SITE, NOW, { entries: [entry('mid', 10), entry('old', 47)] }, [{ source: 's-new', entry: entry('new', 1) }]);
    expect(ids(plan.next.entries)).toEqual(['new', 'mid', 'old']);
    expect(plan.writes.map((file) => file.path)).toEqual(['news-sitemap.xml']);
    plan = planNewsSitemap(SITE, new Date(NOW.getTime() + 2 * HOUR), plan.next, [{ source: 's-mid' }]);
    expect(ids(plan.next.entries)).toEqual(['new']);
    expect(ids(planNewsSitemap(SITE, NOW, plan.next, [{ source: 's-future', entry: entry('future', -1) }]).next.entries)).toEqual(['new']);
  });

  it('a story that ages past the limit, or to another file of its uri, leaves its old entry', () => {
    const previous = { entries: [entry('a', 1), entry('b', 2)] };
    expect(ids(planNewsSitemap(SITE, NOW, previous, [{ source: 's-a', entry: entry('a', 50) }]).next.entries)).toEqual(['b']);
    const moved = planNewsSitemap(SITE, NOW, previous, [{ source: 'other-file', entry: entry('b', 3, 'other-file') }]).next.entries;
    expect(moved.map((e) => [e.id, e.source])).toEqual([['a', 's-a'], ['b', 'other-file']]);
  });

  it('writes nothing when a previous state lists the same entries, and always from empty state', () => {
    const previous = { entries: [entry('a', 1)] };
    expect(planNewsSitemap(SITE, NOW, previous, [{ source: 's-a', entry: entry('a', 1) }, { source: 's-old', entry: entry('old', 60) }]).writes).toEqual([]);
    expect(planNewsSitemap(SITE, NOW, previous, []).writes).toEqual([]);
    const empty = planNewsSitemap(SITE, NOW, undefined, []);
    expect(empty.writes).toHaveLength(1);
    expect(empty.writes[0]!.body).toContain('<urlset');
    expect(empty.next.entries).toEqual([]);
  });

  it('gives the same file and state for the same stories in any order, at once or one publish at a time', () => {
    // Given 2,500 stories over three days, each a change of its own file: more than the sitemap holds
    const changes: NewsSitemapChange[] = Array.from({ length: 2500 }, (_, i) => ({ source: `s${i}`, entry: entry(`id${(i * 7919) % 2500}`, (i % 72) + 0.5, `s${i}`) }));
    const reference = planNewsSitemap(SITE, NOW, undefined, changes);
    expect(reference.next.entries).toHaveLength(1000);
    for (const seed of [1, 2, 3]) {
      // When: at once, in another order
      const atOnce = planNewsSitemap(SITE, NOW, undefined, shuffled(changes, seed));
      // and publish by publish, each from the state the last one left
      let state = planNewsSitemap(SITE, NOW, undefined, []).next;
      for (const change of shuffled(changes, seed + 10).slice(0, 600)) state = planNewsSitemap(SITE, NOW, state, [change]).next;
      const stepwise = planNewsSitemap(SITE, NOW, state, shuffled(changes, seed + 10).slice(600));
      // Then
      expect(atOnce.writes).toEqual(reference.writes);
      expect(atOnce.next).toEqual(reference.next);
      expect(stepwise.next).toEqual(reference.next);
    }
  });

  it('a later change of a file replaces its earlier one, within one run too', () => {
    const planner = newsSitemapPlanner(SITE, NOW);
    planner.change({ source: 's-a', entry: entry('a', 1) });
    planner.change({ source: 's-a', entry: entry('a2', 2, 's-a') });
    planner.change({ source: 's-b', entry: entry('b', 3) });
    planner.change({ source: 's-b' });
    expect(ids(planner.plan().next.entries)).toEqual(['a2']);
  });

  it('tells a publish whether it needs the stored state', () => {
    expect(touchesNewsSitemap({ source: 's', entry: entry('a', 1) }, undefined, NOW)).toBe(true);
    expect(touchesNewsSitemap({ source: 's', entry: entry('a', 49) }, undefined, NOW)).toBe(false);
    expect(touchesNewsSitemap({ source: 's' }, entry('a', 1).published, NOW)).toBe(true);
    expect(touchesNewsSitemap({ source: 's', entry: entry('a', 49) }, entry('a', 49).published, NOW)).toBe(false);
  });
});
