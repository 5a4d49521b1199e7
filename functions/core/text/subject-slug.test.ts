import { describe, expect, it } from 'vitest';
import { subjectIdentity, subjectSlug } from './subject-slug.js';

describe('subjectSlug', () => {
  it('keeps the readable slug of a name it shows in full', () => {
    expect(subjectSlug('Politics')).toBe('politics');
    expect(subjectSlug('Conflict, war and peace')).toBe('conflict-war-and-peace');
    expect(subjectSlug('Krig, konflikter och oroligheter')).toBe('krig-konflikter-och-oroligheter');
    expect(subjectSlug('Bashar al-Assad')).toBe('bashar-al-assad');
  });

  it('gives subjects that the readable slug would merge their own slugs (C++, C# and C)', () => {
    const slugs = ['C', 'C++', 'C#', 'c+'].map(subjectSlug);
    expect(new Set(slugs).size).toBe(4);
    expect(slugs[0]).toBe('c');
    for (const slug of slugs.slice(1)) expect(slug).toMatch(/^c-[0-9a-f]{16}$/);
  });

  it('keeps letters the slug cannot show apart: accents, other scripts, long names', () => {
    expect(subjectSlug('Militärövning')).toMatch(/^militarovning-[0-9a-f]{16}$/);
    expect(subjectSlug('Militärövning')).not.toBe(subjectSlug('Militarovning'));
    expect(subjectSlug('Политика')).toMatch(/^s-[0-9a-f]{16}$/);
    expect(subjectSlug('Политика')).not.toBe(subjectSlug('Экономика'));
    const long = 'word '.repeat(30);
    expect(subjectSlug(`${long}one`)).not.toBe(subjectSlug(`${long}two`));
  });

  it('is a pure function of the subject: the same slug whatever other subjects exist', () => {
    expect(subjectSlug('C++')).toBe(subjectSlug('C++'));
    expect(subjectSlug('Политика')).toBe(subjectSlug('Политика'));
  });

  it('reads names that differ only in case, spacing or separating punctuation as one subject', () => {
    expect(subjectIdentity('Conflict, War  and Peace')).toBe(subjectIdentity('conflict war and peace'));
    expect(subjectSlug('ÖVNING')).toBe(subjectSlug('övning'));
    expect(subjectSlug('Politics')).toBe(subjectSlug('politics'));
  });

  it('never lets a name that looks like a hashed slug take another subject\'s slug', () => {
    const cpp = subjectSlug('C++');
    const lookalike = cpp.replace('-', ' ');
    expect(subjectSlug(lookalike)).not.toBe(cpp);
    expect(subjectSlug(subjectSlug('Политика').replace('-', ' '))).not.toBe(subjectSlug('Политика'));
  });

  it('only ever produces non-empty URL-safe slugs', () => {
    for (const name of ['a/b?c#d', '!!!', 'Ünïcødé & Ço.', '日本 news', 'ﬁle']) expect(subjectSlug(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
