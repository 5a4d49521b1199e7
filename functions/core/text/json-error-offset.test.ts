import { describe, expect, it } from 'vitest';
import { firstJsonErrorOffset } from './json-error-offset.js';

describe('firstJsonErrorOffset', () => {
  it('finds nothing wrong in JSON', () => {
    expect(firstJsonErrorOffset(' {"a": [1, -0.5e+3, "x\\u00e9\\n", true, false, null, {}, []]}\n')).toBeUndefined();
  });

  it('points at the token that cannot continue the value', () => {
    expect(firstJsonErrorOffset('{"a": }')).toBe(6);
    expect(firstJsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(firstJsonErrorOffset('[1 2]')).toBe(3);
    expect(firstJsonErrorOffset('[1,]')).toBe(3);
    expect(firstJsonErrorOffset('{"a" 1}')).toBe(5);
    expect(firstJsonErrorOffset("{'a': 1}")).toBe(1);
  });

  it('points at the start of a malformed number, string or literal', () => {
    expect(firstJsonErrorOffset('[01]')).toBe(1);
    expect(firstJsonErrorOffset('[1.]')).toBe(1);
    expect(firstJsonErrorOffset('["a\tb"]')).toBe(1);
    expect(firstJsonErrorOffset('[tru]')).toBe(1);
    expect(firstJsonErrorOffset('[nulls]')).toBe(1);
  });

  it('points past the end of a cut-off text, and at text after the value', () => {
    expect(firstJsonErrorOffset('{"a": [1,')).toBe(9);
    expect(firstJsonErrorOffset('')).toBe(0);
    expect(firstJsonErrorOffset('{} x')).toBe(3);
  });
});
