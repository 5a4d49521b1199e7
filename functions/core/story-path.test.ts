import { describe, expect, it } from 'vitest';
import { storyPath } from './story-path.js';

// A real collision of the former 32-bit FNV-1a page hash (found by a birthday search over ids):
// both stories were given `stories/article-5916faeb.html`, so one page overwrote the other.
const FORMER_COLLISION = ['https://news.example/article?id=2419', 'https://news.example/article?id=664596'];

describe('storyPath', () => {
  it('gives uris that differ only in their query different pages', () => {
    const [a, b] = FORMER_COLLISION.map((id) => storyPath({ id }));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^stories\/article-[0-9a-f]{16}\.html$/);
  });

  it('is a pure function of the uri: the same page on every build', () => {
    expect(storyPath({ id: 'urn:newsml:example.com:20240101:story-1' })).toBe(storyPath({ id: 'urn:newsml:example.com:20240101:story-1' }));
    expect(storyPath({ id: 'urn:newsml:example.com:20240101:story-1' })).toMatch(/^stories\/story-1-[0-9a-f]{16}\.html$/);
  });

  it('keeps uris apart that differ in a lone surrogate (which UTF-8 would turn into the same U+FFFD)', () => {
    expect(storyPath({ id: 'urn:x:a\uD800' })).not.toBe(storyPath({ id: 'urn:x:a\uD801' }));
  });

  it('has no collision among a hundred thousand uris of one pattern', () => {
    const paths = new Set<string>();
    for (let id = 0; id < 100_000; id++) paths.add(storyPath({ id: `https://news.example/article?id=${id}` }));
    expect(paths.size).toBe(100_000);
  });

  it('keeps a readable slug of the last path segment, and only hash when there is none', () => {
    expect(storyPath({ id: 'https://news.example/2024/world/Peace-Talks.html?ref=rss' })).toMatch(/^stories\/peace-talks-[0-9a-f]{16}\.html$/);
    expect(storyPath({ id: 'urn:x:Политика' })).toMatch(/^stories\/[0-9a-f]{16}\.html$/);
  });
});
