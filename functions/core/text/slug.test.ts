import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';

describe('slugify', () => {
  it('folds accents and punctuation into a lowercase hyphenated slug', () => {
    expect(slugify('Krig, konflikter och oroligheter')).toBe('krig-konflikter-och-oroligheter');
    expect(slugify('Militärövning')).toBe('militarovning');
  });

  it('gives labels without an ASCII form a stable hashed slug, distinct per label', () => {
    const politics = slugify('Политика');
    expect(politics).toMatch(/^s-[0-9a-f]{8}$/);
    expect(slugify('Политика')).toBe(politics);
    expect(slugify('Экономика')).not.toBe(politics);
  });

  it('only ever produces URL-safe characters', () => {
    for (const label of ['a/b?c#d', '  ', 'Ünïcødé & Ço.', '日本 news']) expect(slugify(label)).toMatch(/^[a-z0-9-]+$/);
  });
});
