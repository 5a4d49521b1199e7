import { describe, expect, it } from 'vitest';
import { auditBidi, pageDirection } from '../hostile/bidi-audit.js';
import { auditPage } from '../hostile/html-audit.js';
import { Site, story, useHarness } from './harness.js';

const harness = useHarness();

const RLO = '\u202e';

describe('bidi overrides in user text (Lambda publish)', () => {
  it('keeps every override inside its own element, and lays out an Arabic story right to left', async () => {
    // Given: a story whose byline, headline, credit, section and body open an override.
    const site = await new Site(harness, 'bidi').create();
    const key = await site.putStory('a', {
      ...story(1, { headline: `Headline \u2069${RLO}reversed`, subjects: [`Section \u2069${RLO}name`] }),
      language: 'ar',
      by: `Evil \u2069${RLO}Author`,
      copyrightHolder: `Credit ${RLO}holder`,
      bodies: [{ role: 'main', contentType: 'text/html', value: `<p>Body ${RLO}text</p>` }],
    });
    // When
    expect((await site.publish(key)).batchItemFailures).toEqual([]);
    // Then
    const pages = (await site.list()).filter((path) => path.endsWith('.html'));
    expect(pages).toEqual(expect.arrayContaining(['index.html', expect.stringMatching(/^sections\/section-.*\/index\.html$/), expect.stringMatching(/^stories\//)]));
    for (const path of pages) {
      const html = (await site.read(path))!;
      expect(auditBidi(html), path).toEqual([]);
      expect(auditPage(html), path).toEqual([]);
    }
    const storyPage = (await site.read(pages.find((path) => path.startsWith('stories/'))!))!;
    expect(pageDirection(storyPage)).toBe('rtl');
    expect(storyPage).toContain(`By <bdi>Evil ${RLO}Author</bdi> · <time`);
  });
});
