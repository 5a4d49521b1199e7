import { emptyWindow, type FeedWindow, type WindowChange } from '../../core/incremental/feed-window.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { loadWindow, storeWindow, type StoredWindow } from '../../core/incremental/window-state.js';
import { mainStepDue, sectionName } from '../../core/incremental/render-window.js';
import { windowFiles } from '../window-files.js';
import { sectionSlug, type SectionNames } from '../../core/outputs/site-pages.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { ArchiveUpdate } from './archive-update.js';
import type { ArchivePlacement, PlacedChange } from '../../core/outputs/feed-set/archive-plan.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { plannedWindow } from './window-entries.js';
import { publishFiles } from './publish-files.js';

/** One story's changes to the feeds, with what its record says of its last published version. */
export interface FeedChanges {
  /** The story file's source hash. */
  source: string;
  changes: Map<FeedFolder, WindowChange>;
  previous?: PreviousPlacement;
}

/**
 * Applies the per-feed changes of a set of stories (a batch: at most one story per source and per
 * uri), each feed read, planned and written once for all of them. Sections first: a section that
 * appears or empties changes the registry, and the main window step, run last, renders the index
 * page from that registry. Section windows are separate objects and go together; once they are
 * committed, the registry takes all their names in one update (the registry is one object: one
 * read and at most one write a batch, not one per section). Returns, per source, the archive pages
 * its story is on.
 */
export async function updateFeeds(ctx: PublishContext, stories: readonly FeedChanges[]): Promise<Map<string, ArchivePages>> {
  // Feed → its changes, in the stories' order, the main feed among them.
  const byFeed = new Map<FeedFolder, PlacedChange[]>();
  for (const { changes, previous } of stories) {
    for (const [folder, change] of changes) {
      const placed = byFeed.get(folder) ?? [];
      placed.push({ change, previous: placement(previous, folder) });
      byFeed.set(folder, placed);
    }
  }
  const sections = [...byFeed].filter(([folder]) => folder !== '');
  const outcomes = await mapConcurrently(sections, REQUESTS_AT_ONCE, async ([folder, changes]) => {
    const archive = new ArchiveUpdate(ctx, folder, changes);
    const window = await updateWindow(ctx, folder, changes, archive);
    return { folder, pages: archive.pages, window };
  });
  const registryChanged = await updateRegistry(ctx, outcomes.flatMap(({ folder, window }) => (window ? [{ folder, window }] : [])));
  const main = byFeed.get('') ?? [];
  const archive = new ArchiveUpdate(ctx, '', main);
  if (mainStepDue(main.length > 0, registryChanged)) await updateWindow(ctx, '', main, archive);
  // In the changes' order, whatever order the sections finished in: a record's text must not depend on timing.
  const pages = new Map<string, ArchivePages>(stories.map(({ source }) => [source, {}]));
  for (const { folder, pages: onPage } of [...outcomes, { folder: '', pages: archive.pages }]) {
    for (const [source, page] of onPage) pages.get(source)![folder] = page;
  }
  return pages;
}

/** Where a story's last published version sits in one feed's archive. */
function placement(previous: PreviousPlacement | undefined, folder: FeedFolder): ArchivePlacement {
  return { page: previous?.pages?.[folder], key: previous?.published !== undefined && previous.id !== undefined ? { published: previous.published, id: previous.id } : undefined };
}

/** Feed folder → the archive page a story is on (kept in its record, to find it again). */
export type ArchivePages = Record<FeedFolder, number>;

/** What the story's record says of its last published version: its archive pages and the key it was placed by. */
export type PreviousPlacement = Pick<StoryRecord, 'pages' | 'published' | 'id'>;

/** One optimistic round trip on a window: read, plan (`planWindow`), archive, publish its files, commit. */
async function updateWindow(ctx: PublishContext, folder: FeedFolder, changes: readonly PlacedChange[], archive: ArchiveUpdate): Promise<FeedWindow | undefined> {
  const { itemLimit } = ctx.config;
  let committed: FeedWindow | undefined;
  await ctx.state.update(ctx.state.keys.window(folder), ctx.state.framed<StoredWindow>(ctx.fragments), async (stored) => {
    const current = stored && loadWindow(stored);
    const before = current ?? emptyWindow(folder);
    const next = await archive.apply(await plannedWindow(ctx, before, changes.map((placed) => placed.change)));
    const isSection = folder !== '';
    if (isSection && next.entries.length === 0) {
      // An empty section disappears, as in a full build; its files are deleted, not emptied
      // (together: they do not point at each other), before the window commits.
      await mapConcurrently(Object.keys(before.files), REQUESTS_AT_ONCE, (path) => ctx.writer.remove(path));
      committed = current && { ...next, files: {} };
      return committed && storeWindow(committed, itemLimit);
    }
    // The section names are read after the window, not with it: a publisher changes the registry
    // before it commits the main window, so a window read that sees its commit is followed by a
    // registry read that sees its sections (read together, index.html could miss a section whose
    // window committed).
    const files = await windowFiles(ctx.config, next, async () => (await ctx.state.readJson<SectionNames>(ctx.state.keys.sections))?.value ?? {});
    // A feed's files go together, all before the commit: a publisher that loses the commit race
    // writes its files again on top of the winner's window, so the last commit's files stay.
    committed = { ...next, files: await publishFiles(files, (file) => ctx.writer.publish(file.path, file.body, before.files[file.path])) };
    return storeWindow(committed, itemLimit);
  });
  return committed;
}

/**
 * Keeps the section registry in step with the section windows this step committed; true when it changed.
 *
 * Each name comes from the window this publisher committed, and another publisher can commit the
 * window again before this registry write lands: finding the registry already agreeing with its own
 * window, that one writes nothing, and this write would leave the registry naming the older window
 * (a section emptied here and refilled there would drop out of index.html and the OPML list). So a
 * publisher that writes a section's name reads that window again afterwards and, while it names
 * the section otherwise, writes that name. Names it did not write need no check: the registry then
 * says what their windows say, and whoever changes them later checks in turn. The reads come only
 * with a registry change, and are 304s against the state cache unless the window did change.
 */
async function updateRegistry(ctx: PublishContext, windows: ReadonlyArray<{ folder: FeedFolder; window: FeedWindow }>): Promise<boolean> {
  const folders = new Map(windows.map(({ folder }) => [sectionSlug(folder)!, folder]));
  let names = new Map(windows.map(({ folder, window }) => [sectionSlug(folder)!, sectionName(window)]));
  let changed = false;
  while (names.size > 0) {
    const written = await writeSectionNames(ctx, names);
    if (written.length === 0) break;
    changed = true;
    const again = new Map<string, string | undefined>();
    await mapConcurrently(written, REQUESTS_AT_ONCE, async (slug) => {
      const stored = await ctx.state.read(ctx.state.keys.window(folders.get(slug)!), ctx.state.framed<StoredWindow>(ctx.fragments));
      const now = stored && sectionName(loadWindow(stored.value));
      if (now !== names.get(slug)) again.set(slug, now);
    });
    names = again;
  }
  return changed;
}

/** Sets (or, with no name, removes) sections' registry entries in one update; the slugs whose entry that write changed. */
async function writeSectionNames(ctx: PublishContext, names: ReadonlyMap<string, string | undefined>): Promise<string[]> {
  let written: string[] = [];
  await ctx.state.updateJson<SectionNames>(ctx.state.keys.sections, async (current) => {
    const registry = { ...(current ?? {}) };
    written = [];
    for (const [slug, name] of names) {
      if (registry[slug] === name) continue;
      if (name === undefined) delete registry[slug];
      else registry[slug] = name;
      written.push(slug);
    }
    return written.length > 0 ? registry : undefined;
  });
  return written;
}
