import { describe, expect, it, vi } from 'vitest';
import { Site, story, useHarness } from './harness.js';

const harness = useHarness();

describe('a story file that is not JSON, published from an S3 event', () => {
  it('is refused with the line and column of the error, and the good story is published', async () => {
    // Given: a story whose third line has a bracket where a value belongs
    const site = await new Site(harness, 'json-position').create();
    const good = await site.putStory('a', story(1));
    const broken = await site.putStory('b', '{\n  "uri": "urn:wirefeed:test:b",\n  "headlines": [}\n}\n');
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    // When
    const result = await site.publish(good, broken);
    spy.mockRestore();
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1-stories/b.json' }]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    const log = errors.map((line) => JSON.parse(line) as { key?: string; lines?: string[] }).find((entry) => entry.key === 'stories/b.json');
    expect(log?.lines?.join('\n')).toMatch(/stories\/b\.json: \/: not JSON: line 3, column 17: /);
  });
});
