import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('keeps the most recently used entries within a count when each value counts one', () => {
    // Given
    const map = new LruMap<number>(2, () => 1);
    // When
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    map.set('a', 10);
    // Then
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([10, undefined, 3]);
  });
});
