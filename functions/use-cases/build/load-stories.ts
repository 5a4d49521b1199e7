import type { Story } from '../../core/story.js';
import { StoryError } from '../../core/story-error.js';
import { parseStory } from '../../core/ninjs/parse-story.js';
import type { ContentSource, StoryFile } from '../../core/ports/content-source.js';

/** Stories read from files, and the files that were refused with why. */
export interface LoadedStories {
  stories: Story[];
  rejected: StoryError[];
}

/**
 * Reads and parses every story file. A file that cannot be read or parsed is refused on its own;
 * it never stops the others. `onProgress` is called every `progressEvery` files.
 */
export function loadStories(
  files: StoryFile[],
  content: Pick<ContentSource, 'readStory'>,
  baseUrl: string,
  onProgress?: (done: number, total: number) => void,
  progressEvery = 1000,
): LoadedStories {
  const stories: Story[] = [];
  const rejected: StoryError[] = [];
  files.forEach((file, index) => {
    try {
      stories.push(parseStory(content.readStory(file), { source: file.display, baseUrl }));
    } catch (error) {
      rejected.push(error instanceof StoryError ? error : new StoryError(file.display, [{ pointer: '', message: `cannot read: ${(error as Error).message}` }], { cause: error }));
    }
    if (onProgress && (index + 1) % progressEvery === 0) onProgress(index + 1, files.length);
  });
  return { stories, rejected };
}
