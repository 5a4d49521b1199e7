import type { StoryProblem } from '../story-error.js';

/** The ninjs generations wirefeed reads. */
export type NinjsGeneration = '3' | '2';

/**
 * Checks a parsed document against the schema of its ninjs generation and returns every problem,
 * located by JSON pointer. Two implementations give the same answers (a test holds them to it):
 * ajv, compiled once and fastest per story (CLI builds), and @cfworker/json-schema, tiny and
 * ready at once (the Lambda, where bundle size and cold start count). See docs/decisions/003.
 */
export type NinjsValidator = (document: unknown, generation: NinjsGeneration) => StoryProblem[];

/**
 * Rendition hrefs such as `media/x.jpg` are URI references resolved against the content root
 * (README "Content format"), so the schemas' `format: uri` accepts any RFC 3986 URI reference:
 * no whitespace or control characters, no raw `<>"{}|\^\``.
 */
export function isUriReference(value: string): boolean {
  return value.length > 0 && !/[\s\u0000-\u001f\u007f<>"{}|\\^`]/.test(value);
}

/** Drops repeated problems (same pointer and message), keeping the first. */
export function uniqueProblems(problems: StoryProblem[]): StoryProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
