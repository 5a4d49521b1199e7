import { describe, expect, it } from 'vitest';
import { wholeNumber } from './whole-number.js';

describe('wholeNumber', () => {
  it('reads digits at or above the minimum', () => {
    expect(wholeNumber('50', 1)).toBe(50);
    expect(wholeNumber('0', 0)).toBe(0);
    expect(wholeNumber('007', 1)).toBe(7);
  });

  it('refuses what is not plain digits, below the minimum or past a safe integer', () => {
    for (const text of ['', ' 5', '5 ', '1e3', '0x10', '2.0', '-1', '+3', '9007199254740993']) expect(wholeNumber(text, 0), text).toBeNull();
    expect(wholeNumber('0', 1)).toBeNull();
  });
});
