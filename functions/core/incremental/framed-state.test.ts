import { describe, expect, it } from 'vitest';
import { emptyWindow, type FeedWindow, type WindowEntry } from './feed-window.js';
import { decodeFramed, encodeFramed, StateFormatError } from './framed-state.js';
import { FragmentBytes } from './fragment-bytes.js';
import { loadWindow, storeWindow, type StoredWindow } from './window-state.js';
import { fragments } from '../../../test/support/format-fragments.js';

// Fragments as renderers make them: multi-byte text, newlines (the header ends at the first one),
// a CDATA end and characters JSON escapes.
const entry = (n: number): WindowEntry => ({
  id: `urn:test:${n}`,
  source: `s${n}`,
  published: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  updated: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  title: `Story ${n} — Zürich`,
  link: `https://x.example/${n}`,
  sections: [{ slug: 'world', name: 'World' }],
  ...fragments({ rss: `<item>\n<title>Story ${n} — Zürich 東京</title>\n<content:encoded><![CDATA[a]]]]><![CDATA[>b]]></content:encoded>\n</item>\n`, atom: `<entry>\n<title>Story ${n} \u{1F4F0}</title>\n</entry>\n`, json: `{"id":"urn:test:${n}","content_html":"<p>\\"quoted\\" \\u2028 line</p>\\n"}` }),
  bytes: 120,
});

/** The value with every token replaced by the text it names: what a reader of the state sees. */
function resolved<T>(value: T, fragments: FragmentBytes): T {
  return JSON.parse(JSON.stringify(value, (_key, field: unknown) => (typeof field === 'string' ? fragments.textOf(field) : field))) as T;
}

describe('framed state', () => {
  it('stores fragments as bytes after one JSON line and reads them back as tokens naming those bytes', () => {
    // Given a window of four entries showing three, the newest two filling the archive's open page
    const entries = [4, 3, 2, 1].map(entry);
    const window: FeedWindow = { ...emptyWindow('sections/world'), entries, archive: { closed: 1, open: entries.slice(0, 2), last: entries.slice(3) } };
    const stored = storeWindow(window, 3);
    const writer = new FragmentBytes();
    // When
    const body = encodeFramed(stored, writer);
    const reader = new FragmentBytes();
    const read = decodeFramed<StoredWindow>(body, reader);
    // Then: the header is JSON without fragment text; the fragments follow it, each once
    const newline = body.indexOf(0x0a);
    const header = JSON.parse(body.subarray(0, newline).toString('utf8')) as StoredWindow;
    expect(header.entries[0]).toMatchObject({ source: 's4', rss: { $f: [0, Buffer.byteLength(entries[0]!.rss)] } });
    expect(body.subarray(newline + 1).toString('utf8')).toBe(entries.slice(0, 3).map((e) => e.rss + e.atom + e.json).join(''));
    // Then: fragments are tokens until resolved, and resolve to the text stored
    expect(read.entries[0]!).toMatchObject({ rss: expect.stringMatching(/^\u0000wf:0:\d+:\d+\u0000$/) });
    expect(resolved(read, reader)).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(loadWindow(read).archive!.open[1]).toBe(loadWindow(read).entries[1]);
  });

  it('gives the same bytes when a read window is written back unchanged, so an unchanged commit is skipped', () => {
    // Given a framed window as stored
    const stored = storeWindow({ ...emptyWindow(''), entries: [3, 2, 1].map(entry) }, 2);
    const body = encodeFramed(stored, new FragmentBytes());
    // When it is read and encoded again (its fragments now tokens)
    const fragments = new FragmentBytes();
    const again = encodeFramed(storeWindow(loadWindow(decodeFramed<StoredWindow>(body, fragments)), 2), fragments);
    // Then
    expect(again.equals(body)).toBe(true);
  });

  it('renders a feed from tokens to the bytes of the fragments, literal text and tokens mixed', () => {
    // Given fragments read back as tokens, and a new entry's literal text
    const fragments = new FragmentBytes();
    const read = decodeFramed<StoredWindow>(encodeFramed(storeWindow({ ...emptyWindow(''), entries: [2, 1].map(entry) }, 2), new FragmentBytes()), fragments);
    const fresh = entry(3);
    // When a body is assembled around them as a renderer would
    const template = `<rss>é\n${fresh.rss}${(read.entries as WindowEntry[]).map((e) => e.rss).join('')}</rss>`;
    // Then
    expect(Buffer.from(fragments.bytesOf(template)).toString('utf8')).toBe(`<rss>é\n${fresh.rss}${entry(2).rss}${entry(1).rss}</rss>`);
    expect(fragments.byteLength((read.entries[0] as WindowEntry).atom)).toBe(Buffer.byteLength(entry(2).atom));
    expect(() => new FragmentBytes().bytesOf((read.entries[0] as WindowEntry).rss)).toThrow(/not kept by this invocation/);
    fragments.forget(Buffer.from('never read'));
    expect(Buffer.from(fragments.bytesOf((read.entries[1] as WindowEntry).rss)).toString('utf8')).toBe(entry(1).rss);
  });

  it('refuses state that is not framed (an earlier build stored windows as plain JSON) rather than guess', () => {
    // Given a window written as plain JSON
    const plain = Buffer.from(JSON.stringify({ ...emptyWindow(''), entries: [entry(1)] }));
    // When it is read, Then it is refused with the remedy (a rebuild rewrites it)
    expect(() => decodeFramed<StoredWindow>(plain, new FragmentBytes())).toThrow(StateFormatError);
    expect(() => decodeFramed<StoredWindow>(plain, new FragmentBytes())).toThrow(/run the rebuild/);
  });
});

describe('fragments let go of', () => {
  it('refuses the tokens of a body it forgot instead of reading other bytes', () => {
    // Given a body read and its tokens
    const fragments = new FragmentBytes();
    const body = encodeFramed(storeWindow({ ...emptyWindow(''), entries: [entry(1)] }, 1), new FragmentBytes());
    const read = decodeFramed<StoredWindow>(body, fragments);
    // When
    fragments.forget(body);
    // Then
    expect(() => fragments.bytesOf((read.entries[0] as WindowEntry).rss)).toThrow(/not kept by this invocation/);
  });
});
