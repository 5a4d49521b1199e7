import type { FeedWindow, WindowChange, WindowEntry } from '../../core/incremental/feed-window.js';
import { keptWindowRules, planWindow, type WindowAnswer } from '../../core/outputs/feed-set/window-plan.js';
import type { Settings, StateAccess } from './publish-context.js';

/** Whole entries of these sources, read from their item objects in parallel; a source whose item is gone is absent. */
export async function readEntries(ctx: StateAccess, sources: string[]): Promise<Map<string, WindowEntry>> {
  const found = new Map<string, WindowEntry>();
  await Promise.all(
    sources.map(async (source) => {
      const item = await ctx.state.readJson<WindowEntry>(ctx.state.keys.item(source));
      if (item) found.set(source, item.value);
    }),
  );
  return found;
}

/**
 * A set of changes on a stored window (none: the window as its feed shows it), planned by
 * `planWindow` (`core/outputs/feed-set/window-plan.ts`); this answers what it asks: the head of
 * the feed's order is one LIST of the order markers, the entries it lacks one GET per item, in
 * parallel. Bounded by the item limit, whatever the archive size.
 */
export async function plannedWindow(ctx: StateAccess & Settings, window: FeedWindow, changes: Iterable<WindowChange> = []): Promise<FeedWindow> {
  const plan = planWindow(keptWindowRules(ctx.config.itemLimit), window, changes);
  let step = plan.next();
  while (!step.done) {
    const need = step.value;
    let answer: WindowAnswer;
    if (need.kind === 'order') {
      const listing = await ctx.state.list(ctx.state.keys.orderMarkers(window.folder), need.limit);
      answer = { sources: listing.objects.map(({ key }) => ctx.state.keys.sourceOfOrder(key)), more: listing.more };
    } else answer = await readEntries(ctx, need.sources);
    step = plan.next(answer);
  }
  return step.value.window;
}
