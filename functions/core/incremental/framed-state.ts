import { isWhole } from './feed-window.js';
import { isFragmentKey } from '../rendered-item.js';
import type { FragmentBytes } from './fragment-bytes.js';

/**
 * State objects that carry rendered fragments (feed windows, archive pages, partner shortlists) are
 * stored framed: one line of JSON, then the fragments' UTF-8 bytes back to back. In the JSON a feed
 * entry's fragment in each format (`rss`, `atom`, `json`), a partner entry's `xml` and the content its preflight checks,
 * are `{"$f":[offset,length]}` into those bytes. Read back, they become tokens naming the
 * bytes (`FragmentBytes`), so a publish reads, re-renders and writes a window's megabytes of
 * fragments by copying bytes: as JSON strings they were escaped, unescaped, decoded and encoded on
 * every publish, about a third of its CPU. JSON.stringify never writes a raw newline, so the first
 * one ends the header. A body without one is not framed state (a rebuild rewrites such a site).
 */
const NEWLINE = 0x0a;
const UTF8 = new TextDecoder();

interface FragmentRef {
  $f: [offset: number, length: number];
}

/** The framed bytes of a state value; fragments that are tokens are copied from the bodies `fragments` holds. */
export function encodeFramed(value: unknown, fragments: FragmentBytes): Buffer {
  const payload: Uint8Array[] = [];
  let size = 0;
  const header = JSON.stringify(value, function (this: unknown, key: string, field: unknown) {
    if (typeof field === 'string' && isFragment(this, key)) {
      const bytes = fragments.bytesOf(field);
      payload.push(bytes);
      const ref: FragmentRef = { $f: [size, bytes.byteLength] };
      size += bytes.byteLength;
      return ref;
    }
    return field;
  });
  const head = Buffer.from(`${header}\n`);
  return Buffer.concat([head, ...payload], head.byteLength + size);
}

/** A state value from its framed bytes; fragments become tokens kept by `fragments`. Throws on a body that is not framed. */
export function decodeFramed<T>(body: Uint8Array, fragments: FragmentBytes): T {
  const end = body.indexOf(NEWLINE);
  if (end < 0) throw new StateFormatError();
  const value = JSON.parse(UTF8.decode(body.subarray(0, end))) as unknown;
  resolveRefs(value, body, end + 1, fragments);
  return value as T;
}

/** Replaces each fragment reference in the parsed header by its token, in place (a reviver called back for every value costs twice as much). */
function resolveRefs(value: unknown, body: Uint8Array, start: number, fragments: FragmentBytes): void {
  if (typeof value !== 'object' || value === null) return;
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const field = fields[key];
    if (typeof field !== 'object' || field === null) continue;
    if (isFragmentRef(field)) fields[key] = fragments.tokenAt(body, start + field.$f[0], field.$f[1]);
    else resolveRefs(field, body, start, fragments);
  }
}

/**
 * True when `holder[key]` is a rendered fragment: a whole feed entry's formats, a partner entry's
 * item XML, and the content of its checked facts (a copy of the item's `content:encoded`).
 */
function isFragment(holder: unknown, key: string): boolean {
  if (isFragmentKey(key)) return isWhole(holder as never);
  if (key === 'xml') return typeof (holder as { checked?: unknown }).checked === 'object';
  return key === 'content' && Array.isArray((holder as { creators?: unknown }).creators) && Array.isArray((holder as { enclosures?: unknown }).enclosures);
}

function isFragmentRef(field: unknown): field is FragmentRef {
  return typeof field === 'object' && field !== null && Array.isArray((field as Partial<FragmentRef>).$f);
}

/**
 * State this publisher cannot read: not framed, as no build of this version writes it. Publishing on
 * top of it would guess; a rebuild, which reads only the stories, writes the site's state afresh.
 */
export class StateFormatError extends Error {
  override readonly name = 'StateFormatError';

  /** `key`: the state object, when the reader knows it. */
  constructor(readonly key?: string) {
    super(`${key ?? 'publisher state'} is not in the framed format this version writes: run the rebuild to rewrite the site`);
  }
}
