import { describe, expect, it } from 'vitest';
import { S3_STATE_KEYS as keys } from '../../adapters/s3-state-layout.js';
import { sourceHash } from '../../core/incremental/layout.js';
import { KeptPlacement, mayBeMoved } from './kept-placement.js';
import type { ScannedStory } from './scan-stories.js';

const at = (hour: number, id = `urn:test:${hour}`) => ({ published: new Date(Date.UTC(2026, 0, 1, hour)), id });

/** `stories` (oldest first) placed through `placement`: the order the feeds take them in. */
function placed(placement: KeptPlacement<string>, stories: Array<ReturnType<typeof at>>): string[] {
  const order: string[] = [];
  for (const story of stories) order.push(...placement.before(story), story.id);
  return [...order, ...placement.rest()];
}

describe('KeptPlacement: a refused file\'s last good version at its own place', () => {
  it('places each kept version just before the first story newer than it, those newer than all after the last', () => {
    // Given: kept versions added in no particular order, one older than every story, one between, one newer than all
    const placement = new KeptPlacement<string>();
    placement.add(at(5), 'kept-5');
    placement.add(at(0), 'kept-0');
    placement.add(at(9), 'kept-9');
    placement.add(at(2), 'kept-2');
    // When: the stories are placed oldest first
    const order = placed(placement, [at(1), at(3), at(4), at(6)]);
    // Then
    expect(order).toEqual(['kept-0', 'urn:test:1', 'kept-2', 'urn:test:3', 'urn:test:4', 'kept-5', 'urn:test:6', 'kept-9']);
    expect(placement.dueBy(at(23))).toBe(false);
  });

  it('says whether a kept version goes before a part of the stories ends (its newest story)', () => {
    const placement = new KeptPlacement<string>();
    placement.add(at(5), 'kept-5');
    expect(placement.dueBy(at(4))).toBe(false);
    expect(placement.dueBy(at(6))).toBe(true);
    placement.before(at(6));
    expect(placement.dueBy(at(6))).toBe(false);
  });

  it('orders a kept version against a story of the same instant by id, as newest-first does', () => {
    const placement = new KeptPlacement<string>();
    placement.add(at(3, 'urn:test:b'), 'kept-b');
    // (newest first, ties by id ascending: oldest first, "c" comes before "b", "b" before "a")
    expect(placed(placement, [at(3, 'urn:test:c'), at(3, 'urn:test:a')])).toEqual(['urn:test:c', 'kept-b', 'urn:test:a']);
  });
});

describe('mayBeMoved', () => {
  const facts = { key: 'stories/s1.json', published: at(3).published } as ScannedStory;
  const hash = sourceHash(facts.key);
  const listed = (...present: string[]) => (key: string) => present.includes(key);

  it('is true for a file whose record has no order marker in the main feed at the file\'s date', () => {
    expect(mayBeMoved(keys, listed(keys.record(hash), keys.order('', at(1).published.toISOString(), hash)), facts)).toBe(true);
    expect(mayBeMoved(keys, listed(keys.record(hash)), facts)).toBe(true);
  });

  it('is false for a file published at its date, or never published', () => {
    expect(mayBeMoved(keys, listed(keys.record(hash), keys.order('', facts.published.toISOString(), hash)), facts)).toBe(false);
    expect(mayBeMoved(keys, listed(), facts)).toBe(false);
  });
});
