import type { NinjsDocument } from './ninjs-types.js';
import { pointer, type StoryProblem } from '../story-error.js';
import { STORY_LIMITS } from './limits.js';

/**
 * Checks the limits that keep a story's output linear in its size: how many subjects it has (each
 * becomes a section feed carrying the story) and how long the texts are that every copy of its
 * item repeats. The body, summary and captions are not limited here: a feed item too large for
 * the item budget leaves them out instead (`feed-form.ts`).
 */
export function checkLimits(document: NinjsDocument, problems: StoryProblem[]): void {
  const subjects = document.subjects ?? [];
  if (subjects.length > STORY_LIMITS.maxSubjects) {
    problems.push({ pointer: '/subjects', message: `too many subjects: ${subjects.length} (limit ${STORY_LIMITS.maxSubjects}); each one is a section feed` });
  }
  subjects.forEach((subject, index) => {
    for (const field of ['name', 'literal', 'uri'] as const) {
      checkLength(subject[field], pointer('subjects', index, field), STORY_LIMITS.maxSubjectLength, problems);
    }
  });
  for (const field of ['uri', 'by', 'copyrightHolder', 'copyrightNotice', 'language'] as const) {
    checkLength(document[field], pointer(field), STORY_LIMITS.maxLineLength, problems);
  }
  (document.headlines ?? []).forEach((headline, index) => {
    checkLength(headline.value, pointer('headlines', index, 'value'), STORY_LIMITS.maxLineLength, problems);
  });
}

function checkLength(value: unknown, at: string, limit: number, problems: StoryProblem[]): void {
  if (typeof value === 'string' && value.length > limit) problems.push({ pointer: at, message: `is ${value.length} characters; the limit is ${limit}` });
}
