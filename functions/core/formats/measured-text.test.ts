import { describe, expect, it } from 'vitest';
import { concatMeasured } from './measured-text.js';

describe('concatMeasured', () => {
  it('concatenates and counts UTF-8 bytes, not characters', () => {
    const parts = ['plain ascii', 'caf\u00e9 \u2014 \ud83d\ude00', '', 'end'];
    const joined = concatMeasured(parts);
    expect(joined.text).toBe(parts.join(''));
    expect(joined.bytes).toBe(Buffer.byteLength(parts.join('')));
  });

  it('is empty for no parts', () => {
    expect(concatMeasured([])).toEqual({ text: '', bytes: 0 });
  });
});
