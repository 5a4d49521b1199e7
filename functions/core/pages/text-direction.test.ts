import { describe, expect, it } from 'vitest';
import { textDirection } from './text-direction.js';

describe('textDirection', () => {
  it('is rtl for languages written right to left, by their likely or named script', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'ckb', 'dv', 'syr', 'pa-Arab', 'az-Arab', 'AR']) expect(textDirection(tag), tag).toBe('rtl');
  });

  it('has no direction for left-to-right languages, scripts, unreadable or missing tags', () => {
    for (const tag of ['en', 'sv', 'tr', 'zh-Hant', 'ar-Latn', 'az', 'x-private', 'not a tag', '', undefined]) expect(textDirection(tag), String(tag)).toBeUndefined();
  });
});
