import type { SiteConfig } from '../../core/site.js';
import { FragmentBytes } from '../../core/incremental/fragment-bytes.js';
import type { SiteStore } from '../../core/ports/site-store.js';
import type { StateStore } from '../../core/ports/state-store.js';
import type { StoryStore } from '../../core/ports/story-store.js';

/**
 * Everything one invocation works with, as the parts a step may ask for alone: a step that needs
 * less takes the parts it uses (`StateAccess & ContentAccess`...), and is handed the whole context.
 */
export interface PublishContext extends ContentAccess, StateAccess, SiteAccess, Settings, Reports {}

/** The content: story files and photos. */
export interface ContentAccess {
  content: StoryStore;
}

/** The publisher's state, each object named by `state.keys`. */
export interface StateAccess {
  /** The site bucket by key: the publisher's state, and what a rebuild takes stock of. */
  state: StateStore;
  /** Bodies of the framed state read so far, which the fragments of its entries name by token. */
  fragments: FragmentBytes;
}

/** The public files of the site. */
export interface SiteAccess {
  writer: SiteStore;
}

/** What the site is and when the invocation runs. */
export interface Settings {
  config: SiteConfig;
  now: Date;
}

/** What an invocation reports besides its outcome. */
export interface Reports {
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
