import { createStoryParser } from './story-parser.js';
import { validateNinjs } from './schema-validator.js';

export type { ParseOptions, StoryParser } from './story-parser.js';

/**
 * Reads one ninjs story, validating with ajv: the schema is compiled once per process (about half
 * a second), then each story takes microseconds. For CLI builds and tests; the Lambda uses
 * `parse-story-compact.ts`.
 */
export const parseStory = createStoryParser(validateNinjs);
