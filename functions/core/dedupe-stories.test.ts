import { describe, expect, it } from 'vitest';
import { dedupeStories } from './dedupe-stories.js';
import type { Story } from './story.js';

function story(source: string, version: string, updated: string): Story {
  const date = new Date(updated);
  return { id: 'urn:same', version, title: source, bodyHtml: '', authors: [], published: date, updated: date, categories: [], status: 'usable', photos: [], source };
}

describe('dedupeStories', () => {
  it('keeps the newer numeric version whatever the file order', () => {
    const { stories, rejected } = dedupeStories([story('b.json', '10', '2024-01-01T00:00:00Z'), story('a.json', '9', '2024-01-02T00:00:00Z')]);
    expect(stories.map((s) => s.source)).toEqual(['b.json']);
    expect(rejected).toEqual([]);
  });

  it('rejects a second file with the same uri and version, naming both', () => {
    const { stories, rejected } = dedupeStories([story('b.json', '2', '2024-01-01T00:00:00Z'), story('a.json', '2', '2024-01-01T00:00:00Z')]);
    expect(stories.map((s) => s.source)).toEqual(['a.json']);
    expect(rejected[0]!.lines()).toEqual(['b.json: /version: same uri and version as a.json ("2"); give the newer file a higher version']);
  });
});
