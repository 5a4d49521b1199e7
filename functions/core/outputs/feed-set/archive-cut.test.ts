import { describe, expect, it } from 'vitest';
import { createPageCutter, resumeSizedCutter } from './archive-cut.js';
import { itemBytes, PAGE_ITEM_BUDGET } from '../feed-budget.js';
import type { WindowEntry } from '../../incremental/feed-window.js';
import { fragments } from '../../../../test/support/format-fragments.js';

const entry = (n: number, size: number): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  const body = 'x'.repeat(size);
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title: `S${n}`, link: `https://x.example/${n}`, sections: [], ...fragments({ rss: `<item>${body}</item>`, atom: `<entry>${body}</entry>`, json: `{"b":"${body}"}` }, body) };
};

describe('page cut over sizes', () => {
  it('closes the same pages from the items\' sizes as from the items', () => {
    // Given: items of mixed sizes, some large enough that the byte budget closes a page before the item limit
    const items = Array.from({ length: 60 }, (_, n) => entry(n, n % 4 === 0 ? Math.floor(PAGE_ITEM_BUDGET / 2) : 200 + n * 13));
    const byItem = createPageCutter<WindowEntry>(10);
    const bySize = resumeSizedCutter<{ n: number; bytes: number }>(10, { filling: [], fillingBytes: 0, closedCount: 0 }, (item) => item.bytes);
    const pagesByItem: string[] = [];
    const pagesBySize: string[] = [];
    // When each cutter takes them oldest first
    for (const [n, item] of items.entries()) {
      const a = byItem.add(item);
      const b = bySize.add({ n, bytes: itemBytes(item) });
      expect(b.page).toBe(a.page);
      pagesByItem.push(...a.closed.map((page) => page.map((closed) => closed.source.slice(1)).join(',')));
      pagesBySize.push(...b.closed.map((page) => page.map((closed) => String(closed.n)).join(',')));
    }
    // Then they close the same pages, some before the item limit
    expect(pagesBySize).toEqual(pagesByItem);
    expect(pagesByItem.some((page) => page.split(',').length < 10)).toBe(true);
    expect(bySize.filling.map((item) => item.n)).toEqual(byItem.filling.map((item) => Number(item.source.slice(1))));
  });
});
