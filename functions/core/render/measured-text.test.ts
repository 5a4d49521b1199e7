import { describe, expect, it } from 'vitest';
import { joinMeasured } from './measured-text.js';

describe('joinMeasured', () => {
  it('joins like Array.join and counts UTF-8 bytes, not characters', () => {
    const pieces = ['plain ascii', 'caf\u00e9 \u2014 \ud83d\ude00', '', 'end'];
    const joined = joinMeasured(pieces, ' \u00b7 ');
    expect(joined.text).toBe(pieces.join(' \u00b7 '));
    expect(joined.bytes).toBe(Buffer.byteLength(pieces.join(' \u00b7 ')));
  });

  it('is empty for no pieces', () => {
    expect(joinMeasured([], '\n')).toEqual({ text: '', bytes: 0 });
  });
});
