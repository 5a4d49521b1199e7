import { describe, expect, it } from 'vitest';
import { createFeedSetSink } from '../outputs/feed-set-sink.js';
import type { SiteFile } from '../site-file.js';
import { applyArchiveChange, emptyHead, renderArchivePage } from './archive-pages.js';
import type { ArchiveHead, WindowEntry } from './feed-window.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

const entry = (n: number): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title: `Story ${n}`, link: `https://x.example/${n}`, sections: [], rss: `<item><guid>urn:t:${n}</guid></item>\n`, atom: `<entry><id>urn:t:${n}</id></entry>\n`, json: `{"id":"urn:t:${n}"}` };
};
const ids = (entries: WindowEntry[]) => entries.map((e) => e.id);

/** A whole feed, oldest first, through `applyArchiveChange` as the rebuild feeds it (`rebuild-feed.ts`). */
function cut(oldestFirst: WindowEntry[]): { pages: WindowEntry[][]; head: ArchiveHead; pageOf: Map<string, number> } {
  let head = emptyHead();
  const pages: WindowEntry[][] = [];
  const pageOf = new Map<string, number>();
  for (const entry of oldestFirst) {
    const step = applyArchiveChange(SITE, head, { kind: 'upsert', entry }, undefined);
    head = step.head;
    if (step.closed) pages.push(step.closed.entries);
    pageOf.set(entry.source, step.page!);
  }
  return { pages, head, pageOf };
}

describe('applyArchiveChange on a whole feed', () => {
  it('cuts pages exactly as the CLI feed-set sink writes them', () => {
    // Given: 8 entries, oldest first, page size 3
    const entries = [1, 2, 3, 4, 5, 6, 7, 8].map(entry);
    const cli: SiteFile[] = [];
    const sink = createFeedSetSink({ site: SITE, folder: '', title: SITE.title, description: SITE.description, archives: true });
    for (const rendered of entries) sink.add({ rendered } as never, (file) => cli.push(file));
    sink.finish((file) => cli.push(file));
    // When
    const { pages, head, pageOf } = cut(entries);
    // Then
    expect(pages.map(ids)).toEqual([['urn:t:3', 'urn:t:2', 'urn:t:1'], ['urn:t:6', 'urn:t:5', 'urn:t:4']]);
    expect(ids(head.open)).toEqual(['urn:t:8', 'urn:t:7']);
    expect([pageOf.get('s1'), pageOf.get('s6'), pageOf.get('s7')]).toEqual([1, 2, 3]);
    const ours = pages.flatMap((page, i) => renderArchivePage(SITE, '', SITE, i + 1, page, i + 1 < pages.length));
    expect(ours).toEqual(cli.filter((file) => file.path.startsWith('archive/')));
  });
});

describe('applyArchiveChange', () => {
  it('corrects an open item in place, sends closed-page changes to that page, and puts a story backdated into the archive on its newest page', () => {
    // Given: page 1 closed, 4 open
    const { head } = cut([1, 2, 3, 4].map(entry));
    // When / Then
    const corrected = applyArchiveChange(SITE, head, { kind: 'upsert', entry: { ...entry(4), title: 'new' } }, 2);
    expect(corrected).toMatchObject({ page: 2, head: { closed: 1 } });
    expect(corrected.head.open.map((e) => e.title)).toEqual(['new']);
    expect(applyArchiveChange(SITE, head, { kind: 'remove', source: 's2' }, 1)).toEqual({ head, edit: { n: 1, change: { kind: 'remove', source: 's2' } } });
    const backdated = applyArchiveChange(SITE, head, { kind: 'upsert', entry: entry(0) }, undefined);
    expect(backdated).toEqual({ head, page: 1, edit: { n: 1, change: { kind: 'upsert', entry: entry(0) } } });
  });

  it('closes the open page when it fills, handing over the items the next-archive link needs', () => {
    const step = applyArchiveChange(SITE, { ...emptyHead(), open: [entry(2), entry(1)] }, { kind: 'upsert', entry: entry(3) }, undefined);
    expect(step.closed?.n).toBe(1);
    expect(step.page).toBe(1);
    expect(step.head).toEqual({ closed: 1, open: [], last: [entry(3), entry(2), entry(1)] });
  });
});
