import { isReleased } from './feed.js';
import type { Story } from './story.js';

/** A story as section naming sees it: whether it is out, and the sections it names. */
export type NamingStory = Pick<Story, 'status' | 'embargoedUntil' | 'published'> & { sections: ReadonlyArray<{ slug: string; name: string }> };

/**
 * Section slug → display name: the name the newest released story gives it (a slug stands for
 * names that differ only in case and separators, `subject-slug.ts`). `sectionName` reads the same
 * rule off a feed window's entries; this reads it off a whole archive, oldest first, so a rebuild
 * can title archive pages before it reaches the newest story. A story naming a section twice is
 * counted by its first name, as a window's entry is.
 */
export function sectionNames(oldestFirst: Iterable<NamingStory>, now: Date): Map<string, string> {
  const names = new Map<string, string>();
  for (const story of oldestFirst) {
    if (!isReleased(story, now)) continue;
    const named = new Set<string>();
    for (const { slug, name } of story.sections) {
      if (named.has(slug)) continue;
      named.add(slug);
      names.set(slug, name);
    }
  }
  return names;
}
