import { describe, expect, it } from 'vitest';
import { auditBidi, pageDirection } from '../../../test/hostile/bidi-audit.js';
import { auditPage } from '../../../test/hostile/html-audit.js';
import { buildFeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import type { Story } from '../story.js';
import { renderStoryPage } from './story-page.js';

const RLO = '\u202e';
/** Pop directional isolate: one that closes nothing would end the byline's isolate early in Chromium. */
const PDI = '\u2069';
const SITE: SiteConfig = { title: 'Wire', description: 'News', baseUrl: 'https://wire.example.org', itemLimit: 50, hubs: [] };
const story = (overrides: Partial<Story> = {}): Story => ({
  id: 'urn:test:1', version: '1', title: 'Council votes', summary: 'S', bodyHtml: '<p>Text</p>', authors: ['Jane Doe'], categories: [], status: 'usable',
  published: new Date('2024-05-01T09:00:00Z'), updated: new Date('2024-05-01T09:00:00Z'), source: 'a.json', photos: [], ...overrides,
});
const page = (overrides: Partial<Story> = {}, site: SiteConfig = SITE) => renderStoryPage(buildFeedItem(story(overrides), { photos: [], copies: [] }, site.baseUrl), site);

describe('renderStoryPage', () => {
  it('keeps a bidi override in the byline from reaching the date', () => {
    // Given: a byline that opens a right-to-left override and never closes it.
    const html = page({ authors: [`Evil ${RLO}Author`, `Stray ${PDI}${RLO}PDI`] });
    // Then: the override sits in its own isolate, apart from the <time>.
    expect(auditBidi(html)).toEqual([]);
    expect(html).toContain(`By <bdi>Evil ${RLO}Author</bdi>, <bdi>Stray ${RLO}PDI</bdi> · <time datetime="2024-05-01T09:00:00.000Z">`);
  });

  it('isolates every user text: site title, headline, body and credit', () => {
    const html = page({ title: `Title ${RLO}x`, bodyHtml: `<p>Body ${RLO}x</p>`, credit: `Credit ${RLO}x` }, { ...SITE, title: `Site ${RLO}x` });
    expect(auditBidi(html)).toEqual([]);
    expect(auditPage(html)).toEqual([]);
    // <title> holds no markup: each part is wrapped in FSI…PDI instead.
    expect(html).toContain(`<title>\u2068Title ${RLO}x\u2069 — \u2068Site ${RLO}x\u2069</title>`);
  });

  it('leaves a title without bidi controls as it is', () => {
    expect(page()).toContain('<title>Council votes — Wire</title>');
  });

  it('is laid out right to left for a story in a right-to-left language, or on such a site', () => {
    expect(pageDirection(page({ language: 'ar' }))).toBe('rtl');
    expect(pageDirection(page({ language: 'fa-IR' }))).toBe('rtl');
    expect(pageDirection(page({}, { ...SITE, language: 'he' }))).toBe('rtl');
    // The story's language decides over the site's.
    expect(pageDirection(page({ language: 'en' }, { ...SITE, language: 'ur' }))).toBeUndefined();
    expect(pageDirection(page({ language: 'sv' }))).toBeUndefined();
  });
});

describe('auditBidi', () => {
  it('flags an override that shares its line with the date, and one left bare', () => {
    const date = '<time datetime="2024-05-01T09:00:00Z">2024-05-01</time>';
    expect(auditBidi(`<p>By Evil ${RLO}Author · ${date}</p>`)).toEqual([`"By Evil ${RLO}Author · " is not isolated`]);
    expect(auditBidi(`<p dir="auto">By Evil ${RLO}Author · ${date}</p>`)).toEqual([`"By Evil ${RLO}Author · " shares its isolating <p> with a <time>`]);
    expect(auditBidi(`<html dir="rtl"><body><p>Evil ${RLO}</p></body></html>`)).toEqual([`"Evil ${RLO}" is not isolated`]);
    expect(auditBidi(`<p><bdi>Evil ${PDI}${RLO}</bdi> ${date}</p>`)).toEqual([`"Evil ${PDI}${RLO}" closes an isolate it did not open`]);
  });
});
