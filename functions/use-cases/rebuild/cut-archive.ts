import { resumeSizedCutter, type PageCutter } from '../../core/outputs/feed-set/archive-cut.js';
import { feedSetMeta } from '../../core/feed-set-meta.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { sectionSlug } from '../../core/outputs/site-pages.js';
import { StoryError } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { runKeys } from './distributed-scan.js';
import { keptStoryFinder, type KeptStory } from './kept-stories.js';
import { KeptPlacement } from './kept-placement.js';
import { readRefusedFiles, readSizedPartition, sizedItem, type SizedItem } from './render-partition.js';
import { assertRunScanCurrent, readOrderFacts, readPartitionsNewest } from './run-order.js';
import { keptRecord } from './story-records.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import type { ListedPage } from './page-inputs.js';
import { NewestItems, newestKept, type CutHead } from './run-heads.js';

/** An item as the cut takes it: its story's hash, its item's MD5 and size. */
interface CutItem {
  hash: string;
  md5: string;
  bytes: number;
}

/**
 * A closed archive page to write (step 5): its feed, number, `next-archive` link, its items newest
 * first as [hash, MD5], and what the last rebuild recorded of it (`listed`, when its state and inputs are listed).
 */
export interface CutPage {
  folder: FeedFolder;
  n: number;
  hasNewer: boolean;
  items: Array<[string, string]>;
  listed?: ListedPage;
}

/** What the cut decided, for the archive-page children and the finish. */
export interface RunCut {
  /**
   * Per feed with items: its closed pages, its title (a section's newest item names it) and its
   * head — the newest items, of which the finish builds the window and archive head.
   */
  feeds: Array<[FeedFolder, { closed: number; meta: { title: string; description: string }; head: CutHead }]>;
  /**
   * The last good versions of files the render children refused, as the cut found them (by file):
   * the ETags of their record and item, or null when there is none. The finish looks them up again
   * after its listing, stops if a publish changed one, and places them as the cut did (kept-placement.ts).
   */
  lookups: Array<[string, { record: string; item: string } | null]>;
  /** The records of those last good versions, by file, each with the archive page of each feed the cut put it on. */
  kept: Array<[string, { hash: string; record: StoryRecord }]>;
  /** Number of page batches (`cut/pages/…`). */
  batches: number;
  /** Number of partitions cut, each with its places (`readCutPlaces`). */
  partitions: number;
}

/**
 * Where the cut placed one story of a partition, for its records child (step 6): the archive page
 * of each feed its item is on; null when it has no item in any feed. A refused file's last good
 * version is placed at its own date, which may fall in another partition: its record is in the
 * cut's summary (`RunCut.kept`).
 */
export type CutPlace = { pages: Record<FeedFolder, number> } | null;

const cutKey = (ctx: PublishContext, run: string) => runKeys(ctx, run).cut;
const batchKey = (ctx: PublishContext, run: string, batch: number) => runKeys(ctx, run).cutPages(batch);
const placesKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).cutPlaces(partition);

/**
 * The rebuild state machine's cut step (docs/decisions/005, step 4): runs the archive page cut
 * (`archive-cut.ts`, the rule `ArchiveAppend` cuts by) over the item sizes the render children
 * stored, partition by partition, feed by feed, oldest first — numbers only, no item is read or
 * rendered. Closed pages are stored in batches of about `pageItems` items for the archive-page
 * children; a page is stored once the next one closes (it then knows its `next-archive` link), so
 * this holds one waiting page and the page filling per feed, whatever the size of the archive.
 * The last good version of a file a child refused is cut at its own place (`KeptPlacement`), found
 * among the order's facts of the one partition it falls in.
 * Answers the batches (a few dozen bytes each).
 */
export async function cutRunArchive(ctx: PublishContext, run: string, partitions: number, pageItems: number): Promise<{ pages: number; batches: Array<{ batch: number }> }> {
  const feeds = new Map<FeedFolder, { cutter: PageCutter<CutItem>; waiting: CutItem[] | undefined; name: string | undefined; listed: Map<number, ListedPage>; newest: NewestItems<CutItem> }>();
  const lookups: RunCut['lookups'] = [];
  const findKept = keptStoryFinder(ctx);
  let batch: CutPage[] = [];
  let batchItems = 0;
  let batches = 0;
  let pages = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await ctx.state.put(batchKey(ctx, run, batches++), JSON.stringify(batch));
    batch = [];
    batchItems = 0;
  };
  const store = async (folder: FeedFolder, n: number, items: CutItem[], hasNewer: boolean, listed: ListedPage | undefined) => {
    batch.push({ folder, n, hasNewer, items: [...items].reverse().map(({ hash, md5 }) => [hash, md5]), ...(listed && { listed }) });
    pages += 1;
    batchItems += items.length;
    if (batchItems >= pageItems) await flush();
  };
  /** Cuts the item into its feeds; answers the page of each. */
  const add = async (sized: SizedItem): Promise<Record<FeedFolder, number>> => {
    const placed: Record<FeedFolder, number> = {};
    for (const folder of sized.folders) {
      let feed = feeds.get(folder);
      if (!feed) feeds.set(folder, (feed = { cutter: resumeSizedCutter<CutItem>(ctx.config.itemLimit, { filling: [], fillingBytes: 0, closedCount: 0 }, (item) => item.bytes), waiting: undefined, name: undefined, listed: await listedPages(ctx, folder), newest: new NewestItems(newestKept(ctx.config.itemLimit)) }));
      const slug = sectionSlug(folder);
      const name = sized.sections.find(([candidate]) => candidate === slug)?.[1];
      if (name !== undefined) feed.name = name;
      const before = feed.cutter.closedCount;
      const item = { hash: sized.hash, md5: sized.md5, bytes: sized.bytes };
      const { page, closed } = feed.cutter.add(item);
      feed.newest.add(item);
      placed[folder] = page;
      for (const [i, items] of closed.entries()) {
        if (feed.waiting) await store(folder, before + i, feed.waiting, true, feed.listed.get(before + i));
        feed.waiting = items;
      }
    }
    return placed;
  };
  // Their media refused: each last good version goes at its own place in the feeds' order, as the one-invocation rebuild places it.
  // Each one's record, with the pages it lands on, is written by the records child of the refused file's partition.
  const placement = new KeptPlacement<{ file: string; lastGood: KeptStory }>();
  const kept = new Map<string, { hash: string; record: StoryRecord }>();
  const addKept = async ({ file, lastGood }: { file: string; lastGood: KeptStory }) => {
    const pages = await add(sizedItem(lastGood.hash, lastGood.etags.item, lastGood.entry, lastGood.record.feeds));
    kept.set(file, { hash: lastGood.hash, record: keptRecord(lastGood.record, lastGood.entry.id, pages) });
  };
  for (const file of await readRefusedFiles(ctx, run)) {
    const lastGood = await findKept(new StoryError(file, []), 0);
    lookups.push([file, lastGood ? lastGood.etags : null]);
    if (lastGood) placement.add(lastGood.facts, { file, lastGood });
  }
  const newest = lookups.length > 0 ? await readPartitionsNewest(ctx, run) : [];
  for (let partition = 0; partition < partitions; partition++) {
    const sizes = await readSizedPartition(ctx, run, partition);
    // The order's facts, to find its place among the partition's stories, only for a partition one falls in.
    const facts = lookups.length > 0 && placement.dueBy(newest[partition]!) ? await readOrderFacts(ctx, run, partition) : undefined;
    const places: CutPlace[] = [];
    for (const [at, sized] of sizes.entries()) {
      if (facts) for (const due of placement.before(facts[at]!)) await addKept(due);
      places.push(sized !== null && !('refused' in sized) ? { pages: await add(sized) } : null);
    }
    await ctx.state.put(placesKey(ctx, run, partition), JSON.stringify(places));
  }
  for (const due of placement.rest()) await addKept(due);
  const cut: RunCut = { feeds: [], lookups, kept: [...kept], batches: 0, partitions };
  for (const [folder, feed] of feeds) {
    const closed = feed.cutter.closedCount;
    if (feed.waiting) await store(folder, closed, feed.waiting, false, feed.listed.get(closed));
    const head = feed.newest.head(closed, feed.cutter.filling.length, feed.waiting?.length ?? 0, ({ hash, md5 }) => [hash, md5]);
    cut.feeds.push([folder, { closed, meta: feedSetMeta(ctx.config, sectionSlug(folder) === undefined ? undefined : feed.name), head }]);
  }
  await flush();
  cut.batches = batches;
  await ctx.state.put(cutKey(ctx, run), JSON.stringify(cut));
  // Last: the records children write on the ETags the order step listed, so a publish since then
  // either changed a story file (caught here, before any record is written) or wrote after this
  // check (its conditional write then fails).
  await assertRunScanCurrent(ctx, run);
  return { pages, batches: Array.from({ length: batches }, (_, n) => ({ batch: n })) };
}

/**
 * Each archive page of a feed whose state and `archiveInputs` both exist, by number, with their
 * ETags: two listings of about a thousand pages a request, so that an archive-page child reads
 * nothing of a page it need not render again (page-inputs.ts).
 */
async function listedPages(ctx: PublishContext, folder: FeedFolder): Promise<Map<number, ListedPage>> {
  const [states, inputs] = await Promise.all([ctx.state.list(ctx.state.keys.archivePages(folder)), ctx.state.list(ctx.state.keys.archiveInputsOf(folder))]);
  const stateEtags = new Map(states.objects.map(({ key, etag }) => [key, etag]));
  const listed = new Map<number, ListedPage>();
  for (const { key, etag } of inputs.objects) {
    const n = Number(key.slice(key.lastIndexOf('/') + 1));
    const state = Number.isInteger(n) && n > 0 ? stateEtags.get(ctx.state.keys.archivePage(folder, n)) : undefined;
    if (state !== undefined && key === ctx.state.keys.archiveInputs(folder, n)) listed.set(n, { state, inputs: etag });
  }
  return listed;
}

/** What the cut step decided (its summary, without the pages). */
export async function readRunCut(ctx: PublishContext, run: string): Promise<RunCut> {
  const cut = (await ctx.state.readJson<RunCut>(cutKey(ctx, run)))?.value;
  if (!cut) throw new Error(`rebuild run ${run}: its archive was not cut (did the cut step run?)`);
  return cut;
}

/** Where the cut placed each story of `partition` (in the order its render child stored them). */
export async function readCutPlaces(ctx: PublishContext, run: string, partition: number): Promise<CutPlace[]> {
  const places = (await ctx.state.readJson<CutPlace[]>(placesKey(ctx, run, partition)))?.value;
  if (!places) throw new Error(`rebuild run ${run}: partition ${partition} was not cut (did the cut step run?)`);
  return places;
}

/** One batch of closed pages the cut stored. */
export async function readCutBatch(ctx: PublishContext, run: string, batch: number): Promise<CutPage[]> {
  const pages = (await ctx.state.readJson<CutPage[]>(batchKey(ctx, run, batch)))?.value;
  if (!pages) throw new Error(`rebuild run ${run}: page batch ${batch} of its cut is missing`);
  return pages;
}
