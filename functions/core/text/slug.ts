/**
 * A readable, URL-safe slug of a label: accents folded (NFKD, marks dropped), lowercase ASCII letters
 * and digits joined by single hyphens, at most 80 characters. It loses what it cannot show (case,
 * punctuation, symbols, other scripts), so it is not an identity: see `subject-slug.ts` for one.
 * Empty when the label has no ASCII letter or digit.
 */
export function slugify(label: string): string {
  const folded = label.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
}
