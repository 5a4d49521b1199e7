import type { FeedItem } from '../feed-item.js';
import type { RenderedItem } from '../rendered-item.js';
import type { EmitFile, SiteFile } from '../site-file.js';

/** A released story, as the model (for outputs that render their own variant) and as fragments. */
export interface PublishedEntry {
  item: FeedItem;
  rendered: RenderedItem;
  /** The story's page when it is already rendered (a parallel or cached build); else rendered from `item`. */
  page?: SiteFile;
}

/** A taken-down story, for outputs that announce kills. */
export interface KilledEntry {
  item: FeedItem;
}

/**
 * An output of the build (feeds, archives, pages…). Entries arrive oldest first, one at a time, so
 * an output holds only what it must (the newest N, one archive page) and a 100k-story build never
 * keeps the whole archive in memory. Files are emitted as soon as they are final.
 */
export interface ItemSink {
  add(entry: PublishedEntry, emit: EmitFile): void;
  /**
   * Optional: a story that was public and is now `canceled`/`withheld` (see `partners/killed-story.ts`),
   * for outputs that must announce take-downs (MSN kills). Called before any `add`, oldest take-down
   * first; `item` has no photos (a killed story's photos are removed). Other outputs leave it out.
   */
  kill?(entry: KilledEntry, emit: EmitFile): void;
  finish(emit: EmitFile): void;
}
