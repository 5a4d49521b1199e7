import { describe, expect, it } from 'vitest';
import { parseStory } from './parse-story.js';
import { parseStoryCompact } from './parse-story-compact.js';
import { StoryError } from '../story-error.js';
import { STORY_LIMITS } from './limits.js';

const options = { source: 'content/stories/x.json', baseUrl: 'https://news.example' };
const story = (fields: Record<string, unknown>) => JSON.stringify({
  uri: 'urn:example:limits:1',
  versionCreated: '2024-05-01T10:00:00Z',
  headlines: [{ value: 'A headline' }],
  ...fields,
});

describe.each([
  ['ajv (CLI)', parseStory],
  ['compact (Lambda)', parseStoryCompact],
])('story limits, read by the %s parser', (_name, parse) => {
  const problemsOf = (text: string): string[] => {
    try {
      parse(text, options);
    } catch (error) {
      expect(error).toBeInstanceOf(StoryError);
      return (error as StoryError).lines();
    }
    throw new Error('expected the story to be refused');
  };

  it('takes a story at the limits', () => {
    const subjects = Array.from({ length: STORY_LIMITS.maxSubjects }, (_, i) => ({ name: `S${i}`.padEnd(STORY_LIMITS.maxSubjectLength, 'x') }));
    const parsed = parse(story({ subjects, headlines: [{ value: 'h'.repeat(STORY_LIMITS.maxLineLength) }] }), options);
    expect(parsed.categories).toHaveLength(50);
  });

  it('refuses 51 subjects at /subjects', () => {
    const subjects = Array.from({ length: 51 }, (_, i) => ({ name: `Subject ${i}` }));
    expect(problemsOf(story({ subjects }))).toEqual(['content/stories/x.json: /subjects: too many subjects: 51 (limit 50); each one is a section feed']);
  });

  it('refuses a subject name, literal or uri over 200 characters, and a long headline, byline or copyright, each at its pointer', () => {
    const long = 'x'.repeat(201);
    const problems = problemsOf(story({
      subjects: [{ name: 'fine' }, { name: long, uri: `https://cv.example/${long}` }, { literal: long }],
      headlines: [{ value: 'fine' }, { role: 'short', value: 'y'.repeat(1001) }],
      by: 'z'.repeat(1001),
      copyrightNotice: 'c'.repeat(1001),
    }));
    expect(problems).toEqual([
      'content/stories/x.json: /subjects/1/name: is 201 characters; the limit is 200',
      'content/stories/x.json: /subjects/1/uri: is 220 characters; the limit is 200',
      'content/stories/x.json: /subjects/2/literal: is 201 characters; the limit is 200',
      'content/stories/x.json: /by: is 1001 characters; the limit is 1000',
      'content/stories/x.json: /copyrightNotice: is 1001 characters; the limit is 1000',
      'content/stories/x.json: /headlines/1/value: is 1001 characters; the limit is 1000',
    ]);
  });
});
