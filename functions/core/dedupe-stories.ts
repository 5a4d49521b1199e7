import type { Story } from './story.js';
import { StoryError } from './story-error.js';

/** The stories kept, one per uri, and the files refused because they clash with another. */
export interface DedupeResult<T = Story> {
  stories: T[];
  rejected: StoryError[];
}

/** What deduplication reads of a story: a rebuild passes only these, not whole stories. */
export type DedupeFacts = Pick<Story, 'id' | 'version' | 'updated' | 'source'>;

/**
 * Keeps one story per uri: the newer version wins (numeric versions compare as numbers, otherwise
 * the versionCreated date decides). Two files claiming the same uri and the same version are an
 * error for both's author to fix; the one read first (by source name) stays published.
 */
export function dedupeStories<T extends DedupeFacts>(stories: T[]): DedupeResult<T> {
  const byId = new Map<string, T>();
  const rejected: StoryError[] = [];
  const ordered = [...stories].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (const story of ordered) {
    const current = byId.get(story.id);
    if (!current) {
      byId.set(story.id, story);
      continue;
    }
    const order = compareVersions(story, current);
    if (order === 0) {
      rejected.push(new StoryError(story.source, [{ pointer: '/version', message: `same uri and version as ${current.source} (${JSON.stringify(story.version)}); give the newer file a higher version` }]));
    } else if (order > 0) {
      byId.set(story.id, story);
    }
  }
  return { stories: [...byId.values()], rejected };
}

/** Positive when `a` is a newer version of the same story than `b`. */
export function compareVersions(a: Pick<Story, 'version' | 'updated'>, b: Pick<Story, 'version' | 'updated'>): number {
  const numericA = Number(a.version);
  const numericB = Number(b.version);
  if (a.version !== b.version && Number.isFinite(numericA) && Number.isFinite(numericB) && numericA !== numericB) {
    return numericA - numericB;
  }
  if (a.version === b.version) return 0;
  return a.updated.getTime() - b.updated.getTime() || (a.version < b.version ? -1 : 1);
}
