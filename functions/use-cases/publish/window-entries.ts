import { factsOnlyShown, withWholeEntries, type FeedWindow, type WindowEntry } from '../../core/incremental/feed-window.js';
import { itemKey } from '../../core/incremental/state-keys.js';
import type { PublishContext } from './publish-context.js';

/** Whole entries of these sources, read from their item objects in parallel; a source whose item is gone is absent. */
export async function readEntries(ctx: PublishContext, sources: string[]): Promise<Map<string, WindowEntry>> {
  const found = new Map<string, WindowEntry>();
  await Promise.all(
    sources.map(async (source) => {
      const item = await ctx.state.readJson<WindowEntry>(itemKey(source));
      if (item) found.set(source, item.value);
    }),
  );
  return found;
}

/**
 * The window with every entry its feed shows whole: one GET per entry that moved up from the
 * facts-only spares (after a removal, usually none or one). Repeats while an entry whose item is
 * gone leaves room for another spare.
 */
export async function wholeShown(ctx: PublishContext, window: FeedWindow): Promise<FeedWindow> {
  let next = window;
  for (let missing = factsOnlyShown(next, ctx.config.itemLimit); missing.length > 0; missing = factsOnlyShown(next, ctx.config.itemLimit)) {
    next = withWholeEntries(next, missing, await readEntries(ctx, missing));
  }
  return next;
}
