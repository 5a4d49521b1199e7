import { md5Hex, type FeedFolder } from '../../core/incremental/layout.js';
import { loadWindow, type StoredWindow } from '../../core/incremental/window-state.js';
import type { SectionNames } from '../../core/outputs/site-pages.js';
import { windowFiles } from '../window-files.js';
import type { PublishContext } from '../publish/publish-context.js';
import { plannedWindow } from '../publish/window-entries.js';
import { PreconditionFailedError } from '../../core/ports/state-store.js';
import type { StateBody } from '../../core/ports/state-store.js';

/** A publish changed publisher state (or a story file changed) while a rebuild ran; the rebuild stopped without overwriting it. */
export class RebuildConflictError extends Error {
  override readonly name = 'RebuildConflictError';

  constructor(readonly key: string, options?: { cause?: unknown; what?: string }) {
    super(`${options?.what ?? 'a publish changed'} ${key} while the rebuild ran; its change is kept and the rebuild stopped: run the rebuild again`, options);
  }
}

/**
 * Writes one state object of a rebuild conditionally on the ETag the rebuild saw before it read
 * the first story (or on absence), so a publish that ran meanwhile is never overwritten by the
 * rebuild's older view. Throws RebuildConflictError on 412.
 */
export async function putRebuildState(ctx: PublishContext, key: string, body: StateBody, seen: string | undefined): Promise<string> {
  try {
    return await ctx.state.write(key, body, seen);
  } catch (error) {
    if (error instanceof PreconditionFailedError) throw new RebuildConflictError(key, { cause: error });
    throw error;
  }
}

/**
 * A state write of a rebuild state machine's child, on the ETag the child took for it (`seen`,
 * undefined when absent): an object already holding these bytes is left alone; otherwise the write
 * is conditional on `seen` (RebuildConflictError when a publish wrote since). A retried child finds
 * its first attempt's writes: a conditional write that loses to an object holding the same bytes is
 * done, not a conflict. Answers the ETag and whether it wrote.
 */
export async function putChildState(ctx: PublishContext, key: string, body: StateBody, seen: string | undefined): Promise<{ etag: string; wrote: boolean }> {
  const md5 = md5Hex(body);
  if (seen !== undefined && seen === md5) return { etag: seen, wrote: false };
  try {
    return { etag: await putRebuildState(ctx, key, body, seen), wrote: true };
  } catch (error) {
    if (error instanceof RebuildConflictError && (await ctx.state.stat(key))?.etag === md5) return { etag: md5, wrote: true };
    throw error;
  }
}

/**
 * After a rebuild lost a window to a publish, the feed files it wrote just before are older than
 * that window: render them again from the committed window (and, for the main feed, the section
 * registry) until the window stays the same across the rewrite. `written` is the MD5 of each file
 * the rebuild wrote, so only those are replaced.
 */
export async function restoreFeedFiles(ctx: PublishContext, folder: FeedFolder, written: Record<string, string>): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const window = await ctx.state.read(ctx.state.keys.window(folder), ctx.state.framed<StoredWindow>(ctx.fragments));
    if (!window) return;
    const committed = await plannedWindow(ctx, loadWindow(window.value));
    const files = await windowFiles(ctx.config, committed, async () => (await ctx.state.readJson<SectionNames>(ctx.state.keys.sections))?.value ?? {});
    for (const file of files) if (file.path in written) written[file.path] = await ctx.writer.publish(file.path, file.body, written[file.path]);
    if ((await ctx.state.stat(ctx.state.keys.window(folder)))?.etag === window.etag) return;
  }
}
