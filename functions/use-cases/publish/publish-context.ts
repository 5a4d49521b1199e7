import type { SiteConfig } from '../../core/site.js';
import { FragmentBytes } from '../../core/incremental/fragment-bytes.js';
import type { SiteStore } from '../../core/ports/site-store.js';
import type { StateStore } from '../../core/ports/state-store.js';
import type { StoryStore } from '../../core/ports/story-store.js';

/** Everything one invocation works with. */
export interface PublishContext {
  /** The content: story files and photos. */
  content: StoryStore;
  /** The site bucket by key: the publisher's state, and what a rebuild takes stock of. */
  state: StateStore;
  config: SiteConfig;
  /** The public files of the site. */
  writer: SiteStore;
  /** Bodies of the framed state read so far, which the fragments of its entries name by token. */
  fragments: FragmentBytes;
  now: Date;
  /** Partner preflight findings of this invocation, one line each (`formatPartnerReport`), for the log. */
  preflight: string[];
  /** What went wrong without failing the record, for the log at WARN (the context has no logger of its own). */
  warnings: PublishWarning[];
}

/** Something an operator should act on that did not fail the record, e.g. a story left without one of its photos. */
export interface PublishWarning {
  message: string;
  details: Record<string, unknown>;
}

/**
 * The context of one story's publish within an invocation: the state bodies it reads, which its
 * fragments name by token, are let go with it. An embargo release publishes hundreds of stories in
 * one invocation, each reading windows of megabytes.
 */
export function storyScope(ctx: PublishContext): PublishContext {
  const fragments = new FragmentBytes();
  return { ...ctx, fragments, writer: ctx.writer.withFragments(fragments) };
}
