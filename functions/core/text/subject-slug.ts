import { nameHash } from './name-hash.js';
import { slugify } from './slug.js';

/** White space and the punctuation that only separates words: dashes, brackets, quotes, , . ; : ! ? / */
const SEPARATORS = /[\s\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf},.;:!?'"/]+/gu;

/** A readable slug that ends like a hashed one: it must not be taken for the slug of another subject. */
const HASH_ENDING = /-[0-9a-f]{16}$/;

/**
 * What identifies a subject: its name, up to letter case, white space and the punctuation that only
 * separates words ("Conflict, war and peace" and "conflict war and peace" are one subject). Symbols
 * and letters stay: "C++", "C#" and "C" are three subjects, "Militärövning" is not "Militarovning".
 * Not the subject's uri: a section is titled by its name, and two sections of one title would look
 * the same to readers, while one vocabulary term sent under two names would be two sections anyway.
 */
export function subjectIdentity(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(SEPARATORS, ' ').trim();
}

/**
 * The section slug of a subject: its readable slug when that shows the whole identity, else the
 * readable slug (or `s`) followed by a hash of the identity. A pure function of the name, so a slug
 * never changes when other subjects come or go, and two subjects never share one (up to a 64-bit
 * hash collision).
 */
export function subjectSlug(name: string): string {
  const identity = subjectIdentity(name);
  const readable = slugify(name);
  if (readable && readable.replaceAll('-', ' ') === identity && !HASH_ENDING.test(readable)) return readable;
  return `${readable || 's'}-${nameHash(identity)}`;
}
