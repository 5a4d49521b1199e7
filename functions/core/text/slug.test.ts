import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';

describe('slugify', () => {
  it('folds accents and punctuation into a lowercase hyphenated slug', () => {
    expect(slugify('Krig, konflikter och oroligheter')).toBe('krig-konflikter-och-oroligheter');
    expect(slugify('Militärövning')).toBe('militarovning');
  });

  it('is empty for a label without an ASCII letter or digit', () => {
    expect(slugify('Политика')).toBe('');
  });

  it('only ever produces URL-safe characters', () => {
    for (const label of ['a/b?c#d', '  ', 'Ünïcødé & Ço.', '日本 news']) expect(slugify(label)).toMatch(/^[a-z0-9-]*$/);
  });
});
