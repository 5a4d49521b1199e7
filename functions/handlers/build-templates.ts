import type { FeedItem } from '../core/feed-item.js';
import type { Story } from '../core/story.js';
import type { PublishedEntry } from '../core/outputs/item-sink.js';
import type { FragmentLocation, PackReader } from '../adapters/fragment-cache.js';
import type { RenderedParts } from './build-record.js';

/**
 * The streaming build runs the real outputs (`createSiteSink`) over stand-in entries whose fragments
 * and page are tokens naming where the real text is cached. Every emitted file is then a small
 * template: hashing it tells whether the file changed since the last build without assembling it,
 * and expanding it (reading each token's text back) gives the exact bytes the in-memory build emits,
 * because the renderers copy fragments verbatim. NUL never survives escaping (XML drops it, JSON
 * writes `\u0000`), so a token cannot be confused with content.
 */
const TOKEN = /\u0000wf:(\d+):(\d+):(\d+)\u0000/g;

/** The token standing for the text at `location`. */
export function tokenOf([pack, offset, length]: FragmentLocation): string {
  return `\u0000wf:${pack}:${offset}:${length}\u0000`;
}

/**
 * The exact bytes of a template, expanded into `scratch` (grown when too small) without decoding the
 * fragments: the pack holds them as UTF-8 already, so they are copied from the file straight into the
 * output buffer. Returns a view of the scratch buffer, valid until the next call.
 */
export function expandTemplateBytes(template: string, reader: Pick<PackReader, 'readInto'>, scratch: { buffer: Buffer }): Buffer {
  const parts: Array<string | FragmentLocation> = [];
  let size = 0;
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const literal = template.slice(last, match.index);
    const location: FragmentLocation = [Number(match[1]), Number(match[2]), Number(match[3])];
    parts.push(literal, location);
    size += Buffer.byteLength(literal, 'utf8') + location[2];
    last = match.index + match[0].length;
  }
  const tail = template.slice(last);
  parts.push(tail);
  size += Buffer.byteLength(tail, 'utf8');
  if (scratch.buffer.byteLength < size) scratch.buffer = Buffer.allocUnsafe(Math.max(size, 2 * scratch.buffer.byteLength));
  const out = scratch.buffer;
  let at = 0;
  for (const part of parts) {
    if (typeof part === 'string') at += out.write(part, at, 'utf8');
    else {
      reader.readInto(part, out, at);
      at += part[2];
    }
  }
  return out.subarray(0, at);
}

/**
 * A stand-in entry for the outputs: the real listing facts (title, link, sections, image, dates)
 * with tokens for fragments and page, and an `item` that answers the story fields in `story` from
 * memory and loads the whole FeedItem the first time an output reads anything else.
 */
export function templateEntry(parts: RenderedParts, story: Partial<Story>, loadItem: () => FeedItem): PublishedEntry {
  return {
    item: lazyItem(parts.item.link, story, loadItem),
    rendered: { ...parts.item, rss: tokenOf(parts.rss), atom: tokenOf(parts.atom), json: tokenOf(parts.json) },
    page: { path: parts.pagePath, body: tokenOf(parts.page) },
  };
}

/**
 * A FeedItem whose `link` and the given story fields are known; any other read (a field, a spread,
 * `in`, `Object.keys`) loads the real item once and answers from it. An output such as the news
 * sitemap reads only dates, title and link, so a large build never loads its 10k stories back.
 */
function lazyItem(link: string, known: Partial<Story>, loadItem: () => FeedItem): FeedItem {
  let full: FeedItem | undefined;
  const load = () => (full ??= loadItem());
  const story = new Proxy(known, forward(known, () => load().story as unknown as Record<PropertyKey, unknown>));
  const shell = { link, story };
  return new Proxy(shell, forward(shell, () => load() as unknown as Record<PropertyKey, unknown>)) as unknown as FeedItem;
}

function forward(known: object, real: () => Record<PropertyKey, unknown>): ProxyHandler<object> {
  const own = new Set(Reflect.ownKeys(known));
  return {
    get: (target, key) => (own.has(key) ? Reflect.get(target, key) : real()[key]),
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  };
}
