import { createStoryParser } from './story-parser.js';
import { validateNinjsCompact } from './compact-schema-validator.js';

/**
 * Reads one ninjs story, validating with @cfworker/json-schema: ready in a millisecond and small
 * in a bundle, slower per story than ajv. For the Lambda, where cold start and bundle size count
 * and a publish reads one story.
 */
export const parseStoryCompact = createStoryParser(validateNinjsCompact);
