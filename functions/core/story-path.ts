import type { Story } from './story.js';
import { nameHash } from './text/name-hash.js';
import { slugify } from './text/slug.js';

/**
 * Site path of a story's page: a readable slug of the uri's last segment, then a hash of the whole
 * uri (query included), so uris that differ anywhere get different pages. Derived from the uri
 * alone, never from the headline, so a corrected headline keeps the link.
 */
export function storyPath(story: Pick<Story, 'id'>): string {
  const lastSegment = story.id.replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  const slug = slugify(lastSegment.replace(/\.[a-z0-9]{2,5}$/i, '')).slice(0, 60).replace(/-+$/, '');
  return `stories/${slug ? `${slug}-` : ''}${nameHash(story.id)}.html`;
}
