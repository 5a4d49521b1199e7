import { describe, expect, it } from 'vitest';
import type { RenderedItem } from '../rendered-item.js';
import type { SiteFile } from '../site-file.js';
import { createSiteSink } from './site-sink.js';
import { fragments } from '../../../test/support/format-fragments.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

const entry = (n: number, section: string) => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  const rendered: RenderedItem = { id: `urn:t:${n}`, published: at, updated: at, title: `Story ${n}`, link: `https://x.example/${n}`, sections: [{ slug: 'sport', name: section }], ...fragments({ json: '{}' }) };
  return { rendered, item: { story: { id: rendered.id } }, page: { path: `stories/${n}.html`, body: '' } } as never;
};

describe('createSiteSink', () => {
  it('titles a section by the name it is given, not by the story that opens it', () => {
    const files: SiteFile[] = [];
    const sink = createSiteSink(SITE, [], new Map([['sport', 'sport']]));
    sink.add(entry(1, 'Sport'), (file) => files.push(file));
    sink.finish((file) => files.push(file));
    expect(files.find((file) => file.path === 'sections/sport/feed.json')!.body).toContain('"title":"T: sport"');
  });

  it('refuses to resume from a state saved under another name of one of its sections', () => {
    // Given: a state saved while the section was called "Sport"
    const saved = createSiteSink(SITE, [], new Map([['sport', 'Sport']]));
    saved.add(entry(1, 'Sport'), () => undefined);
    const state = saved.save!();
    // When / Then: pages written before it carry "Sport"; under "sport" it cannot be continued
    expect(createSiteSink(SITE, [], new Map([['sport', 'Sport']])).resume!(state)).toBeTypeOf('function');
    expect(createSiteSink(SITE, [], new Map([['sport', 'sport']])).resume!(state)).toBeUndefined();
  });
});
