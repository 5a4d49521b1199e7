import { describe, expect, it } from 'vitest';
import { cleanLine, hasVisibleText } from './clean-text.js';

describe('hasVisibleText', () => {
  it.each([
    ['', false],
    [' \t\n', false],
    ['\u0000\u0007', false],
    ['\u200b\u200c\u200d\u2060\ufeff', false],
    ['\u200e\u200f\u202e\u2067\u00ad', false],
    ['\ud800', false],
    ['a', true],
    ['\u200bé', true],
    ['👍', true],
    ['\u0301', true],
  ])('%j → %s', (value, visible) => {
    expect(hasVisibleText(value)).toBe(visible);
  });
});

describe('cleanLine', () => {
  it('removes controls and lone surrogates, normalises to NFC and folds whitespace', () => {
    expect(cleanLine(' Cafe\u0301\u0000 \ud800 \n\t ok ')).toBe('Café ok');
  });
});
