import type { FeedWindow, WindowEntry } from '../../core/incremental/feed-window.js';
import { md5Hex, type FeedFolder } from '../../core/incremental/layout.js';
import { sectionName, windowMeta } from '../../core/incremental/render-window.js';
import { windowFiles } from '../window-files.js';
import { sectionSlug } from '../../core/outputs/site-pages.js';
import { nextCarried } from '../../core/partners/carried-history.js';
import { storeWindow } from '../../core/incremental/window-state.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import { NEWS_SITEMAP_PATH } from '../../core/outputs/news-sitemap.js';
import { feedSetMeta } from '../../core/feed-set-meta.js';
import { FORMATS } from '../../core/formats/registry.js';
import { StoryError } from '../../core/story-error.js';
import { keptVersionLine } from '../../core/kept-version.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import type { PublishContext } from '../publish/publish-context.js';
import { putRebuildState, RebuildConflictError, restoreFeedFiles } from './rebuild-guard.js';
import { forEachInOrder, mapConcurrently } from '../concurrently.js';
import { scanStories, type ArchiveScan, type ScannedStory } from './scan-stories.js';
import { FeedRebuild, type PutFile } from './feed-rebuild.js';
import { publishFiles } from '../publish/publish-files.js';
import { SyndicationRebuild } from './syndication-rebuild.js';
import { keptObjectPaths, keptStoryFinder, type KeptStory } from './kept-stories.js';
import { KeptPlacement, mayBeMoved } from './kept-placement.js';
import { orderArchive, orderInMemory, type ArchiveOrder } from './archive-order.js';
import { storyRenderer, type RenderedStory } from './render-stories.js';
import { HeadsMerge, windowOfCut, type CutHead, type PartitionHeads } from './run-heads.js';
import type { RunCut } from './cut-archive.js';
import type { PagesWrittenCount } from './archive-pages.js';
import type { RecordsWrittenCount } from './write-records.js';
import { keptRecord, placedRecord, supersededRecord } from './story-records.js';
import { OWNED_FILES, type ProducedKeys } from './stale-sweep.js';

/**
/**
 * What the rebuild state machine's steps before the finish stored (docs/decisions/005, steps 3–6):
 * each render child's heads summary, the cut, and what its archive-page and records children wrote.
 * The finish then places no story and writes no page, record or claim, and leaves the stale sweep
 * to the sweep map after it (step 7), handing it what it produced itself (`produced`).
 */
export interface RunSteps {
  partition(partition: number): Promise<PartitionHeads>;
  pages(): Promise<{ cut: RunCut; written: PagesWrittenCount; records: RecordsWrittenCount; produced: ProducedKeys }>;
}

/** What a rebuild did. */
export interface RebuildSummary {
  published: number;
  held: number;
  rejected: StoryError[];
  deleted: number;
  /** Publisher state objects written: on a night when nothing changed, none. */
  stateWritten: number;
  /** Public files written or deleted (by this invocation and the render children). */
  filesChanged: number;
  /** One line per refused file whose last good version stays published (`kept-version.ts`). */
  kept: string[];
}

/**
 * Stories read, planned and written at once. Each story's requests depend on each other, but not on
 * other stories': with S3 answering in 10–30 ms, one story at a time is mostly waiting. The Lambda's
 * CPU share (a third of a core at 512 MB) is the next limit, so a few more would not help.
 */
const CONCURRENCY = 8;

/**
 * Re-creates the site and all publisher state from every story (manual recovery, first deploy).
 * Reads the whole archive, so its cost grows with it; the incremental path never calls it. Unchanged
 * files and state are not rewritten (their MD5 is the ETag the listing returns); changed state is
 * written conditionally: a publish during the rebuild wins and the rebuild stops (RebuildConflictError).
 *
 * It reads every story twice so as not to hold the archive: a scan keeps each story's facts (to
 * deduplicate, claim and order), then the stories are published oldest first — read again, planned,
 * their own objects written, several at once — into feeds that write each archive page as it closes.
 * `order`, when given, supplies the first pass and the order done elsewhere (the rebuild state
 * machine's scan map and order step: distributed-scan.ts, run-order.ts); `steps`, what that
 * machine's later steps stored (`RunSteps`), so that this invocation reads no story and writes the
 * heads from the partitions' summaries and the cut's newest items only.
 */
export async function rebuildSite(ctx: PublishContext, order?: () => Promise<ArchiveOrder>, steps?: RunSteps): Promise<RebuildSummary> {
  // What exists, with ETags, before the first story is read: every state write below is conditional
  // on it, so a publish that runs during the rebuild is never overwritten by the rebuild's older view.
  // The state machine's finish (`steps`) takes stock only of the state it writes itself (windows,
  // partner shortlists, the held list, section registry and sitemap): the sweep map after it lists the rest.
  const { keys } = ctx.state;
  const owned = [keys.root, ...OWNED_FILES];
  const listed = steps ? [keys.windows, keys.partnerShortlists] : owned;
  const existing = new Map<string, string>();
  for (const prefix of listed) {
    for (const object of (await ctx.state.list(prefix)).objects) existing.set(object.key, object.etag);
  }
  const heads = steps ? [keys.held, keys.sections, keys.sitemap] : [];
  for (const path of ['index.html', 'feeds.opml', 'feed.xsl', 'style.css', ...FORMATS.map((format) => format.fileName), 'feed.html', NEWS_SITEMAP_PATH, ...heads]) {
    const object = await ctx.state.get(path).catch(() => undefined);
    if (object) existing.set(path, md5Hex(object.body));
  }
  const taken = new Set(heads);
  // Anything else the finish writes (a section's files, a carried marker: content-addressed or
  // empty) it asks for when it writes it; in one invocation, the listing covers it.
  const asked = new Map<string, Promise<string | undefined>>();
  const etagOf = async (path: string): Promise<string | undefined> => {
    if (!steps || existing.has(path) || taken.has(path) || listed.some((prefix) => path.startsWith(prefix))) return existing.get(path);
    let etag = asked.get(path);
    if (!etag) asked.set(path, (etag = ctx.state.stat(path).then((object) => object?.etag)));
    return etag;
  };
  // The order comes after that listing: a distributed rebuild's scan and order ran earlier, in steps
  // of their own, so `order` checks that the content bucket still holds exactly what they read.
  const archive = order ? await order() : orderInMemory(await orderArchive(ctx, await scanArchive(ctx)));
  const { kept, names } = archive;
  const rejected = [...archive.rejected];
  for (const { hash, etags } of kept.values()) {
    // Looked up before that listing (by the order step): a publish of it since would be overwritten.
    for (const [key, etag] of [[ctx.state.keys.record(hash), etags.record], [ctx.state.keys.item(hash), etags.item]] as const) if ((await etagOf(key)) !== etag) throw new RebuildConflictError(key);
  }
  const findKept = keptStoryFinder(ctx);
  const keptLines: string[] = [];
  const cut = await steps?.pages();
  const cutFeeds = new Map(cut?.cut.feeds);
  // The last good versions of files the render refused, by file (null: none), placed by their own date.
  const keptOfRefused = new Map<string, KeptStory | null>();
  const placement = new KeptPlacement<KeptStory>();
  for (const [file, expected] of cut?.cut.lookups ?? []) {
    // The cut step looked it up before this listing: a publish of it since would move pages the children wrote.
    const lastGood = await findKept(new StoryError(file, []), 0);
    if (expected?.record !== lastGood?.etags.record || expected?.item !== lastGood?.etags.item) throw new RebuildConflictError(lastGood ? ctx.state.keys.record(lastGood.hash) : file);
    keptOfRefused.set(file, lastGood ?? null);
  }

  // What the listing found and the rebuild has not produced (yet): what is left at the end is stale.
  // Kept as what is left, not as what was produced, so memory does not grow with every path written
  // (15 per story for a 4-photo story: 2.2 KB of strings and set entries, measured).
  const unclaimed = new Set(steps ? [] : existing.keys());
  const produce = cut ? cut.produced.add : (path: string) => void unclaimed.delete(path);
  let stateWritten = 0;
  let filesChanged = 0;
  const put: PutFile = async (path, body, state, written) => {
    produce(path);
    if (!state) return ctx.writer.publish(path, body, await etagOf(path));
    const seen = written ?? (await etagOf(path));
    // State the rebuild would write back as it found it is left alone: a nightly rebuild of an
    // unchanged archive then writes nothing but what changed, not three objects per story. Whatever
    // a publish wrote there since is newer and stays, as a lost conditional write would leave it.
    if (seen !== undefined && seen === md5Hex(body)) return seen;
    stateWritten += 1;
    return putRebuildState(ctx, path, body, seen);
  };

  // Written last by this invocation; when the state machine's records children wrote them, only
  // marked produced, so the finish holds no record.
  const records: Array<{ hash: string; record: StoryRecord }> = [];
  const keepRecord = (written: { hash: string; record: StoryRecord }) => void (cut || records.push(written));
  archive.superseded.forEach((facts) => keepRecord(supersededRecord(facts)));

  const feeds = new Map<FeedFolder, FeedRebuild>();
  const feedOf = (folder: FeedFolder) => {
    let feed = feeds.get(folder);
    if (!feed) feeds.set(folder, (feed = new FeedRebuild(ctx, folder, feedSetMeta(ctx.config, folder ? names.get(sectionSlug(folder)!) : undefined), put)));
    return feed;
  };
  if (!steps) feedOf('');

  const held: Array<{ index: number; key: string; releaseAt: string }> = [];
  const syndication = new SyndicationRebuild(ctx, (partner, id) => existing.has(keys.carried(partner, claimHash(id))));
  const refused: Array<{ index: number; error: StoryError }> = [];
  let published = 0;
  const placeKept = async (lastGood: KeptStory) => {
    const { hash, record, entry, partners, sitemap } = lastGood;
    // Its own objects stay as the publish of that version wrote them.
    for (const path of keptObjectPaths(keys, lastGood)) produce(path);
    published += 1;
    const folders = record.feeds.filter((folder) => folder !== '').sort();
    if (record.feeds.includes('')) folders.push('');
    const pages: Record<FeedFolder, number> = {};
    for (const folder of folders) pages[folder] = await feedOf(folder).add(entry);
    syndication.addKept(partners, sitemap);
    keepRecord({ hash, record: keptRecord(record, entry.id, pages) });
  };
  // Each story, oldest first, into the feeds, the held list and the records.
  const place = async (facts: ScannedStory, rendered: RenderedStory) => {
    for (const due of placement.before(facts)) await placeKept(due);
    if (rendered.kind === 'kept') {
      const lastGood = kept.get(facts.key)!;
      keptLines.push(lastGood.line);
      return placeKept(lastGood);
    }
    if (rendered.kind === 'refused') {
      refused.push({ index: facts.index, error: rendered.error });
      // Its media refused: the last good version stays, at its own place (kept-placement.ts).
      let lastGood = keptOfRefused.get(rendered.error.file);
      if (lastGood === undefined) {
        // Not rendered first: published at this file's date and, since the scan refuses a version
        // that changes the uri (scan-stories.ts), under its id, so its place is this one. Elsewhere,
        // the file, its photos or its record changed since the scan: stories after that place are placed.
        lastGood = (await findKept(rendered.error, facts.index)) ?? null;
        if (lastGood && compareNewestFirst(lastGood.facts, facts) !== 0) throw new RebuildConflictError(rendered.error.file, { what: 'an editor changed' });
        if (lastGood) placement.add(lastGood.facts, lastGood);
      }
      if (lastGood) keptLines.push(keptVersionLine(rendered.error.file, lastGood.record.version, rendered.error.problems));
      return;
    }
    if (rendered.kind === 'none') {
      // A taken-down file keeps the record a publish leaves it, naming its claim: deleting the file
      // later leaves the claim, and forgets what partners carried of its uri once no file names it.
      keepRecord(supersededRecord(facts));
      return;
    }
    const { hash, record, entry, folders } = rendered;
    if (record.status === 'held') held.push({ index: facts.index, key: facts.key, releaseAt: record.releaseAt! });
    let pages: Record<FeedFolder, number> | undefined;
    if (entry) {
      published += 1;
      pages = {};
      for (const folder of folders) pages[folder] = await feedOf(folder).add(entry);
    }
    keepRecord({ hash, record: placedRecord(record, pages) });
  };
  // Written by the state machine's steps: the heads from what they stored, no story placed here.
  let heldList: Array<[string, string]> | undefined;
  const windows = new Map<FeedFolder, () => Promise<FeedWindow>>();
  if (steps && cut) {
    const merge = new HeadsMerge((file, problems) => {
      const kept = keptOfRefused.get(file);
      // The cut step looked up every refusal of the children it cut from: this one it did not see.
      if (kept === undefined) throw new RebuildConflictError(file);
      return kept ? keptVersionLine(file, kept.record.version, problems) : undefined;
    });
    for (let partition = 0; partition < cut.cut.partitions; partition++) {
      const part = await steps.partition(partition);
      merge.add(part);
      syndication.merge(part.syndication);
    }
    // Versions kept in the order step's partitions and kept for refused files: their entries as partners and the sitemap hold them.
    for (const lastGood of [...kept.values(), ...keptOfRefused.values()]) if (lastGood) syndication.addKept(lastGood.partners, lastGood.sitemap);
    for (const lastGood of keptOfRefused.values()) {
      if (!lastGood) continue;
      merge.published += 1;
      for (const path of keptObjectPaths(keys, lastGood)) produce(path);
    }
    published += merge.published;
    stateWritten += merge.stateWritten + cut.written.stateWritten + cut.records.stateWritten;
    filesChanged += merge.filesChanged + cut.written.filesChanged;
    keptLines.push(...merge.keptLines);
    rejected.push(...merge.refused().map(({ file, problems }) => new StoryError(file, problems)));
    heldList = merge.held();
    const entries = windowEntries(ctx);
    for (const [folder, { closed, meta, head }] of cutFeeds) {
      windows.set(folder, async () => {
        const window = windowOfCut(ctx.config.itemLimit, folder, head, await entries(head));
        // Same items, same rule: only a defect makes the cut's title and the window's disagree, and the pages it had written would not be the ones the heads link.
        const titled = windowMeta(ctx.config, window);
        if (closed > 0 && (titled.title !== meta.title || titled.description !== meta.description)) throw new Error(`rebuild of feed '${folder}': the cut step titled its archive pages '${meta.title}', its window is titled '${titled.title}'`);
        return window;
      });
    }
    if (!windows.has('')) windows.set('', async () => windowOfCut(ctx.config.itemLimit, '', { closed: 0, newest: [], truncated: false, open: 0, last: 0 }, []));
  } else {
    const render = storyRenderer(ctx, { etagOf: (path) => existing.get(path), produce, put, syndication, kept });
    // Rendered first, each file whose published version may stand at another date: the version one
    // refused there keeps is placed by its own date, which may come before this file's.
    const moved: ScannedStory[] = [];
    for await (const facts of archive.partitions()) moved.push(...facts.filter((story) => mayBeMoved(keys, (key) => existing.has(key), story)));
    const early = new Map<string, RenderedStory>();
    await mapConcurrently(moved, CONCURRENCY, async (story) => {
      const rendered = await render(story);
      early.set(story.key, rendered);
      if (rendered.kind !== 'refused') return;
      const lastGood = (await findKept(rendered.error, story.index)) ?? null;
      keptOfRefused.set(rendered.error.file, lastGood);
      if (lastGood) placement.add(lastGood.facts, lastGood);
    });
    const renderOnce = async (facts: ScannedStory) => {
      const rendered = early.get(facts.key);
      early.delete(facts.key);
      return rendered ?? render(facts);
    };
    for await (const facts of archive.partitions()) await forEachInOrder(facts, CONCURRENCY, renderOnce, (story, at) => place(facts[at]!, story));
    for (const due of placement.rest()) await placeKept(due);
    // Refusals in the order of the listing, as reports always came.
    rejected.push(...refused.sort((a, b) => a.index - b.index).map(({ error }) => error));
    for (const [folder, feed] of feeds) windows.set(folder, () => feed.finish());
  }
  // Every uri in the content has a claim, taken-down stories' included. The state machine's records
  // children write them, and hand the sweep the carried markers of their uris.
  if (!cut) {
    const inContent = new Set<string>();
    for await (const claims of archive.claims()) {
      for (const [hash] of claims) inContent.add(hash);
      await mapConcurrently(claims, CONCURRENCY, ([hash, claim]) => put(ctx.state.keys.claim(hash), JSON.stringify(claim), true));
    }
    // What partner feeds carried is history, not derived from the content: the markers of stories
    // still in it are kept, the others go with the stale objects (the carried history's one rule).
    const carriedBefore = [...existing.keys()].filter((key) => key.startsWith(keys.carriedMarkers));
    for (const key of nextCarried(carriedBefore, (marker) => inContent.has(keys.claimOfCarried(marker)), [])) produce(key);
  }
  // In the order of the listing, as the held list was always written.
  heldList ??= held.sort((a, b) => a.index - b.index).map(({ key, releaseAt }) => [key, releaseAt]);
  await put(ctx.state.keys.held, JSON.stringify(Object.fromEntries(heldList)), true);

  const registry: Record<string, string> = {};
  const writeWindow = async (window: FeedWindow) => {
    const files = await publishFiles(await windowFiles(ctx.config, window, async () => registry), (file) => put(file.path, file.body, false));
    try {
      await put(ctx.state.keys.window(window.folder), encodeFramed(storeWindow({ ...window, files }, ctx.config.itemLimit), ctx.fragments), true);
    } catch (error) {
      // The files just written are older than the publish that won the window: put its view back.
      if (error instanceof RebuildConflictError) await restoreFeedFiles(ctx, window.folder, files);
      throw error;
    }
  };
  for (const [folder, finish] of [...windows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (folder === '') continue;
    const window = await finish();
    registry[sectionSlug(folder)!] = sectionName(window)!;
    await writeWindow(window);
  }
  await put(ctx.state.keys.sections, JSON.stringify(registry), true);
  await writeWindow(await windows.get('')!());
  // Records last, with the archive page of each feed the story is on.
  await mapConcurrently(records, CONCURRENCY, ({ hash, record }) => put(ctx.state.keys.record(hash), JSON.stringify(record), true));
  await syndication.finish(put);

  const stale = [...unclaimed].filter((path) => owned.some((prefix) => path.startsWith(prefix)) && !path.startsWith(keys.rebuildRuns));
  await mapConcurrently(stale, CONCURRENCY, (path) => (path.startsWith(keys.root) ? ctx.state.delete(path) : ctx.writer.remove(path)));
  return { published, held: heldList.length, rejected, deleted: stale.length, stateWritten, filesChanged: filesChanged + ctx.writer.changed.size, kept: keptLines };
}

/** The rebuild's first pass in this invocation: every story file listed, read and parsed. */
async function scanArchive(ctx: PublishContext): Promise<ArchiveScan> {
  const keys = (await ctx.content.listStoryFiles()).map(({ key }) => key);
  return { keys, ...(await scanStories(ctx, keys.map((key) => ({ key })), CONCURRENCY)) };
}

/**
 * The entries of a feed's newest items as the cut took them, each read once for every feed that
 * shows it. An item whose ETag is not the MD5 the cut took it at was rewritten by a publish since.
 */
function windowEntries(ctx: PublishContext): (head: CutHead) => Promise<WindowEntry[]> {
  const read = new Map<string, Promise<WindowEntry>>();
  const entry = (hash: string, md5: string) => {
    let entry = read.get(hash);
    if (!entry) {
      entry = ctx.state.readJson<WindowEntry>(ctx.state.keys.item(hash)).then((item) => {
        if (item?.etag !== md5) throw new RebuildConflictError(ctx.state.keys.item(hash));
        return item.value;
      });
      read.set(hash, entry);
    }
    return entry;
  };
  return (head) => mapConcurrently(head.newest, CONCURRENCY, ([hash, md5]) => entry(hash, md5));
}
