import type { FeedItem } from '../../core/feed-item.js';
import type { Story } from '../../core/story.js';
import type { PublishedEntry } from '../../core/outputs/item-sink.js';
import { tokenOf } from '../../core/fragment-token.js';
import { FRAGMENT_KEYS, type FormatFragments } from '../../core/rendered-item.js';
import type { RenderedParts } from '../../core/build-record.js';

/**
 * The streaming build runs the real outputs (`createSiteSink`) over stand-in entries whose fragments
 * and page are tokens (`fragment-token.ts`) naming where the real text is cached. Every emitted file
 * is then a small template: hashing it tells whether the file changed since the last build without
 * assembling it, and expanding it (`expandTemplateBytes`, reading each token's text back from the
 * packs) gives the exact bytes the in-memory build emits, because the renderers copy fragments verbatim.
 */

/**
 * A stand-in entry for the outputs: the real listing facts (title, link, sections, image, dates)
 * with tokens for fragments and page, and an `item` that answers the story fields in `story` from
 * memory and loads the whole FeedItem the first time an output reads anything else.
 */
export function templateEntry(parts: RenderedParts, story: Partial<Story>, loadItem: () => FeedItem): PublishedEntry {
  const fragments = {} as FormatFragments;
  for (const key of FRAGMENT_KEYS) fragments[key] = tokenOf(parts[key]);
  return {
    item: lazyItem(parts.item.link, story, loadItem),
    rendered: { ...parts.item, ...fragments },
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
