import type { Story } from '../story.js';
import { StoryError, type StoryProblem } from '../story-error.js';
import type { NinjsDocument } from './ninjs-types.js';
import { STORY_LIMITS } from './limits.js';
import { detectGeneration, upgradeToNinjs3 } from './ninjs-2.js';
import type { NinjsValidator } from './ninjs-validator.js';
import { mapStory } from './map-story.js';
import { checkLimits } from './check-limits.js';
import { decodeStoryBytes } from './decode-bytes.js';
import { parseJsonText } from '../text/json-syntax.js';

/** What parsing needs besides the bytes. */
export interface ParseOptions {
  /** Where the story came from (path or key); every error names it. */
  source: string;
  /** Site base URL that relative links in bodies resolve against. */
  baseUrl: string;
}

/** Reads one ninjs story into a Story, or throws a StoryError listing every problem with its JSON pointer. */
export type StoryParser = (input: string | Uint8Array, options: ParseOptions) => Story;

/**
 * Makes a story reader over a schema validator: size limit, UTF-8 JSON (a BOM is tolerated),
 * schema of its generation (3.x, or 2.x which is then renamed to 3.x), then wirefeed's rules.
 * Callers pick the validator (`parse-story.ts` for ajv, `parse-story-compact.ts` for the Lambda).
 */
export function createStoryParser(validateNinjs: NinjsValidator): StoryParser {
  return (input, options) => parseWith(validateNinjs, input, options);
}

function parseWith(validateNinjs: NinjsValidator, input: string | Uint8Array, options: ParseOptions): Story {
  const fail = (problems: StoryProblem[], cause?: unknown) => new StoryError(options.source, problems, { cause });
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > STORY_LIMITS.maxBytes) throw fail([{ pointer: '', message: `story is ${size} bytes; the limit is ${STORY_LIMITS.maxBytes}` }]);
  if (size === 0) throw fail([{ pointer: '', message: 'file is empty' }]);

  const decoded = decodeStoryBytes(input);
  if ('problem' in decoded) throw fail([{ pointer: '', message: decoded.problem }]);
  const { text } = decoded;
  let document: unknown;
  try {
    document = parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw fail([{ pointer: '', message: `not JSON: ${(error as Error).message}` }], error);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw fail([{ pointer: '', message: 'expected a JSON object (one ninjs story per file)' }]);
  }

  const generation = detectGeneration(document as Record<string, unknown>);
  const schemaProblems = validateNinjs(document, generation);
  if (schemaProblems.length > 0) {
    const hint = generation === '2' ? ' (read as ninjs 2.x)' : '';
    throw fail(schemaProblems.map((p) => ({ ...p, message: p.message + hint })));
  }
  const ninjs = (generation === '2' ? upgradeToNinjs3(document) : document) as NinjsDocument;
  const problems: StoryProblem[] = [];
  checkLimits(ninjs, problems);
  const story = mapStory(ninjs, options, problems);
  if (!story || problems.length > 0) throw fail(problems);
  return story;
}
