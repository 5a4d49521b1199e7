import { describe, expect, it } from 'vitest';
import { parseFragment } from 'parse5';
import { build, contentWith, publishedIds, SAMPLE_IDS } from './hostile-content.js';
import { deepMarkupStory } from './deep-markup.js';
import { storyPath } from '../../functions/core/story-path.js';

const ID = 'urn:wirefeed:hostile:deep-markup';

describe('a 1.8 MB body of 600,000 unclosed <b> (CLI build)', () => {
  // sanitize-html took 421 s over this body; the test timeout bounds the whole build instead.
  it('builds, publishes the story with its text, and leaves the samples alone', async () => {
    // Given
    const content = contentWith({ 'deep-markup.json': JSON.stringify(deepMarkupStory(ID)) });
    // When
    const run = await build(content);
    // Then
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.info).toContain(`published ${SAMPLE_IDS.length + 1} stories (0 withheld, 0 rejected) into ${run.outDir}`);
    expect(publishedIds(run)).toContain(ID);
    // The sanitized body (4.2 MB) is past the feed item budget: feeds carry the stand-in, the page the body
    const json = JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; content_html: string }> };
    expect(json.items.find((item) => item.id === ID)!.content_html).not.toContain('<b>');
    const page = run.read(storyPath({ id: ID }));
    // The body is the page's <div dir="auto"> around the story's HTML; links to sections and feeds follow it.
    const html = page.slice(page.indexOf('<p>BEGIN'), page.indexOf('\n</div>\n</article>'));
    expect(html.startsWith('<p>BEGIN <b>')).toBe(true);
    expect(html).toContain('<b>END</b>');
    // Balanced: as many end tags as start tags, so nothing after the body is swallowed.
    expect(page.split('</b>').length).toBe(page.split('<b>').length);
    expect(parseFragment(html).childNodes).toHaveLength(1);
  }, 300_000);
});
