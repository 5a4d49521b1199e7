import { fnv1a } from './fnv1a.js';

/**
 * Makes a stable, URL-safe slug from a label: accents folded (NFKD, marks dropped), lowercase ASCII
 * letters and digits joined by single hyphens. When letters remain that have no ASCII form (Cyrillic,
 * CJK…), a short hash of the label is appended so two different sections never share a slug.
 */
export function slugify(label: string): string {
  const folded = label.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const ascii = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  const lostLetters = /[^\p{ASCII}]/u.test(folded.replace(/[\s\p{P}\p{S}]/gu, ''));
  if (ascii.length > 0 && !lostLetters) return ascii;
  const hash = fnv1a(label.normalize('NFC')).toString(16).padStart(8, '0');
  return ascii.length > 0 ? `${ascii}-${hash}` : `s-${hash}`;
}
