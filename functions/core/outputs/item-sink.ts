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
  /**
   * Optional: the output's state after the entries added so far, as JSON-safe data, or undefined when
   * it cannot be saved. A build that saw the same entries in the same order before can then resume
   * from it instead of adding them again; what the output emitted while adding them is unchanged,
   * because an output emits from the entries it has seen, never from later ones.
   */
  save?(): unknown;
  /**
   * Optional: how to continue from a `save`d state instead of the entries it stands for (the step
   * replaces whatever state the output has), or undefined when the state no longer holds under this
   * output's settings (an age limit that depends on the clock); the build then adds the entries instead.
   * Nothing changes until the returned step runs, so a build resuming several outputs resumes all or
   * none.
   */
  resume?(saved: unknown): (() => void) | undefined;
}
