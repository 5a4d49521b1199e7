import { describe, expect, it } from 'vitest';
import { planRelease, type ReleaseFacts } from './release-plan.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);
const story = (id: string, fields: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
  id,
  version: '1',
  source: `${id}-${fields.version ?? '1'}.json`,
  status: 'usable',
  published: at('2024-06-01T00:00:00Z'),
  updated: at('2024-06-01T00:00:00Z'),
  ...fields,
});

describe('planRelease', () => {
  it('releases oldest first by first publication: the newest-first order reversed, ties included', () => {
    // Given stories published out of order, two at the same time
    const stories = [story('c', { published: at('2024-03-01T00:00:00Z') }), story('b'), story('a'), story('d', { published: at('2024-09-01T00:00:00Z') })];
    // When the plan is made, Then the outputs take them oldest first
    expect(planRelease(stories, NOW).released.map((s) => s.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('dedupes before it releases: a newer withheld version withdraws the story and is announced as a take-down', () => {
    // Given a story and its later withheld version
    const stories = [story('a'), story('a', { version: '2', status: 'withheld', updated: at('2024-07-01T00:00:00Z') })];
    // When the plan is made
    const plan = planRelease(stories, NOW);
    // Then nothing is released, the take-down is announced and counted as withheld
    expect(plan.released).toEqual([]);
    expect(plan.killed.map((s) => s.version)).toEqual(['2']);
    expect(plan.held).toEqual({ embargoed: 0, withheld: 1 });
  });

  it('keeps a correction in its place: the newer version replaces the older, by first publication', () => {
    const stories = [
      story('a', { published: at('2024-01-01T00:00:00Z') }),
      story('b', { published: at('2024-02-01T00:00:00Z') }),
      story('a', { version: '2', published: at('2024-01-01T00:00:00Z'), updated: at('2024-12-01T00:00:00Z') }),
    ];
    const plan = planRelease(stories, NOW);
    expect(plan.released.map((s) => `${s.id}@${s.version}`)).toEqual(['a@2', 'b@1']);
  });

  it('refuses a second file with the same uri and version, and orders take-downs by take-down time, then id', () => {
    const stories = [
      story('a'),
      story('a', { source: 'a-copy.json' }),
      story('k2', { status: 'canceled', updated: at('2024-08-01T00:00:00Z') }),
      story('k1', { status: 'canceled', updated: at('2024-08-01T00:00:00Z') }),
      story('k0', { status: 'withheld', updated: at('2024-07-01T00:00:00Z') }),
    ];
    const plan = planRelease(stories, NOW);
    expect(plan.duplicates.map((error) => error.file)).toEqual(['a-copy.json']);
    expect(plan.killed.map((s) => s.id)).toEqual(['k0', 'k1', 'k2']);
  });
});
