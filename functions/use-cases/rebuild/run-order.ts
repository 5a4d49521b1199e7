import type { StoryRecord } from '../../core/incremental/story-record.js';
import type { WindowEntry } from '../../core/incremental/feed-window.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import type { UriClaim } from '../../core/incremental/uri-claim.js';
import type { PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import { StoryError, type StoryProblem } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { orderArchive, type ArchiveOrder } from './archive-order.js';
import { assertScanCurrent, readArchiveScan, restoredFacts, runKeys, storedFacts, type StoredFacts } from './distributed-scan.js';
import type { KeptStory } from './kept-stories.js';
import { EtagOwners, writePartitionEtags, type PartitionEtagsIndex } from './partition-etags.js';
import type { ScannedStory } from './scan-stories.js';
import type { Dated } from '../../core/newest-first.js';

/** Claims, and listed keys with their ETags, per scratch object: each a few hundred KB. */
const CHUNK = 10_000;

/** Objects read or written at once. */
const CONCURRENCY = 8;

/** One partition of the ordered stories, as the order step stored it: facts with their listing position. */
type StoredPartition = Array<StoredFacts & { index: number }>;

/** A kept story as stored: its facts' dates as ISO strings, its partner entries as pairs. */
type StoredKept = Omit<KeptStory, 'facts' | 'partners'> & { facts: StoredFacts & { index: number }; partners: Array<[string, PartnerEntry]> };

/** What the order step decided, beside the partitions and the claims. */
interface StoredOrder {
  rejected: Array<{ file: string; problems: StoryProblem[] }>;
  kept: StoredKept[];
  names: Array<[string, string]>;
  superseded: Array<StoredFacts & { index: number }>;
  /** Number of objects of each series. */
  partitions: number;
  /** Each partition's newest story, as its first publication and id: where a kept version placed by its own date falls (kept-placement.ts). */
  newest: Array<[string, string]>;
  claims: number;
  listing: number;
  /** The site's ETags listed for the render children. */
  etags: PartitionEtagsIndex;
}

/** One partition of the ordered stories, as the order step answers it (the render map's items). */
export interface OrderPartition {
  partition: number;
  stories: number;
}

const orderKey = (ctx: PublishContext, run: string) => runKeys(ctx, run).order;
const seriesKey = (ctx: PublishContext, run: string, series: 'stories' | 'claims' | 'listing', n: number) => runKeys(ctx, run).orderSeries(series, n);

/**
 * The rebuild state machine's order step: merges the run's scan, orders the archive as every
 * rebuild does (`orderArchive`), and stores it under the run's folder — the stories oldest first in
 * time partitions of at most `partitionStories` (the state machine's RENDER_PARTITION), the claims and the scanned listing in chunks, the
 * ETags of the objects each partition's stories own (`writePartitionEtags`), the rest in one object.
 * Answers the partitions (a few dozen bytes each: 500 for a million stories) and how many of the
 * scanned files were import files.
 */
export async function writeRunOrder(ctx: PublishContext, run: string, partitionStories: number): Promise<{ stories: number; rejected: number; imported: number; partitions: OrderPartition[] }> {
  const { stored, answer, owners } = await orderRun(ctx, run, partitionStories);
  // Once the scan and the order are let go: the listing's slices take their place in memory.
  const etags = await writePartitionEtags(ctx, run, owners, answer.partitions.length);
  await ctx.state.put(orderKey(ctx, run), JSON.stringify({ ...stored, etags } satisfies StoredOrder));
  return answer;
}

/** The order of a run stored but for its main object, which `writeRunOrder` completes; with the partition of each story. */
async function orderRun(ctx: PublishContext, run: string, partitionStories: number) {
  const scan = await readArchiveScan(ctx, run);
  // The listing as scanned, for the finishing step to compare with the bucket after it took stock.
  const etags = new Array<string | null>(scan.keys.length).fill(null);
  for (const facts of scan.scanned) etags[facts.index] = facts.etag;
  const listed = await writeSeries(ctx, run, 'listing', scan.keys, CHUNK, (key, index) => [key, etags[index]]);
  const ordered = await orderArchive(ctx, scan);
  const partitions = await writeSeries(ctx, run, 'stories', ordered.oldestFirst, partitionStories, (facts) => ({ ...storedFacts(facts), index: facts.index }));
  let claims = 0;
  for (const part of ordered.claims()) await ctx.state.put(seriesKey(ctx, run, 'claims', claims++), JSON.stringify(part));
  // After the claims, whose parts are the step's peak of memory: the owners are kept from here to the listing's end.
  const owners = new EtagOwners(ctx.state.keys, ordered.oldestFirst.length, ordered.superseded.length);
  ordered.oldestFirst.forEach((facts, at) => owners.add(facts, Math.floor(at / partitionStories)));
  for (const facts of ordered.superseded) owners.addSuperseded(facts);
  const stored: Omit<StoredOrder, 'etags'> = {
    rejected: ordered.rejected.map(({ file, problems }) => ({ file, problems })),
    kept: [...ordered.kept.values()].map(({ facts, partners, ...kept }) => ({ ...kept, facts: { ...storedFacts(facts), index: facts.index }, partners: [...partners] })),
    names: [...ordered.names],
    superseded: ordered.superseded.map((facts) => ({ ...storedFacts(facts), index: facts.index })),
    partitions: partitions.length,
    newest: partitions.map((count, partition) => {
      const { published, id } = ordered.oldestFirst[partition * partitionStories + count - 1]!;
      return [published.toISOString(), id];
    }),
    claims,
    listing: listed.length,
  };
  return { stored, owners, answer: { stories: ordered.oldestFirst.length, rejected: ordered.rejected.length, imported: scan.imported, partitions: partitions.map((count, partition) => ({ partition, stories: count })) } };
}

/**
 * The run's order as the finishing step takes it, after it took stock of the site: first compares
 * the scanned listing with the content bucket as it is now (`assertScanCurrent`: a story added,
 * changed or removed since stops the rebuild), then hands over the partitions and claims one object
 * at a time.
 */
export async function readRunOrder(ctx: PublishContext, run: string): Promise<ArchiveOrder> {
  const read = async <T>(key: string): Promise<T> => {
    const object = await ctx.state.readJson<T>(key);
    if (!object) throw new Error(`rebuild run ${run}: ${key} is missing (did the order step run?)`);
    return object.value;
  };
  const order = await read<StoredOrder>(orderKey(ctx, run));
  const series = async function* <T>(name: 'stories' | 'claims' | 'listing', count: number): AsyncIterable<T[]> {
    for (let n = 0; n < count; n++) yield await read<T[]>(seriesKey(ctx, run, name, n));
  };
  await assertScanCurrent(ctx, listingSeries(ctx, run, order.listing));
  return {
    rejected: order.rejected.map(({ file, problems }) => new StoryError(file, problems)),
    kept: new Map(order.kept.map(({ facts: { index, ...facts }, partners, ...kept }) => [facts.key, { ...kept, facts: restoredFacts(facts, index), partners: new Map(partners) }])),
    names: new Map(order.names),
    superseded: order.superseded.map(({ index, ...facts }) => restoredFacts(facts, index)),
    claims: () => series<[string, UriClaim]>('claims', order.claims),
    partitions: async function* () {
      for await (const part of series<StoredPartition[number]>('stories', order.partitions)) yield part.map(({ index, ...facts }) => restoredFacts(facts, index));
    },
  };
}

/** A kept version as a render child hands it to the cut step (its feeds, and its item with the ETag it was read at) and a records child writes its record. */
export interface KeptItem {
  hash: string;
  record: StoryRecord;
  feeds: FeedFolder[];
  entry: WindowEntry;
  itemEtag: string;
  /** The line reported for it (`kept-version.ts`). */
  line: string;
}

/**
 * One partition of a run's order, as a render or records child takes it: its stories' facts, oldest
 * first, the kept versions by content key (placed from publisher state, not rendered), the files
 * superseded by another of their uri (all of them: a records child writes those of its stories'
 * uris), and where the order step stored the ETags of their objects (`readPartitionEtags`).
 */
export async function readOrderPartition(ctx: PublishContext, run: string, partition: number): Promise<{ facts: ScannedStory[]; kept: Map<string, KeptItem>; superseded: ScannedStory[]; etags: PartitionEtagsIndex }> {
  const order = (await ctx.state.readJson<StoredOrder>(orderKey(ctx, run)))?.value;
  if (!order) throw new Error(`rebuild run ${run}: partition ${partition} of its order is missing`);
  return {
    facts: await readOrderFacts(ctx, run, partition),
    kept: new Map(order.kept.map(({ facts, hash, record, entry, etags, line }) => [facts.key, { hash, record, feeds: record.feeds, entry, itemEtag: etags.item, line }])),
    superseded: order.superseded.map(({ index, ...facts }) => restoredFacts(facts, index)),
    etags: order.etags,
  };
}

/** Each partition's newest story, as the order step stored it. */
export async function readPartitionsNewest(ctx: PublishContext, run: string): Promise<Dated[]> {
  const order = (await ctx.state.readJson<StoredOrder>(orderKey(ctx, run)))?.value;
  if (!order) throw new Error(`rebuild run ${run}: its order is missing (did the order step run?)`);
  return order.newest.map(([published, id]) => ({ published, id }));
}

/** The facts of one partition of a run's order, oldest first. */
export async function readOrderFacts(ctx: PublishContext, run: string, partition: number): Promise<ScannedStory[]> {
  const part = (await ctx.state.readJson<StoredPartition>(seriesKey(ctx, run, 'stories', partition)))?.value;
  if (!part) throw new Error(`rebuild run ${run}: partition ${partition} of its order is missing`);
  return part.map(({ index, ...facts }) => restoredFacts(facts, index));
}

/**
 * Compares the scanned listing of a run with the content bucket as it is now (`assertScanCurrent`):
 * a story added, changed or removed since the scan stops the rebuild (RebuildConflictError).
 */
export async function assertRunScanCurrent(ctx: PublishContext, run: string): Promise<void> {
  const order = (await ctx.state.readJson<StoredOrder>(orderKey(ctx, run)))?.value;
  if (!order) throw new Error(`rebuild run ${run}: its order is missing (did the order step run?)`);
  await assertScanCurrent(ctx, listingSeries(ctx, run, order.listing));
}

/** The scanned listing as the order step stored it, [key, ETag] (null for a refused file), a part at a time. */
async function* listingSeries(ctx: PublishContext, run: string, parts: number): AsyncIterable<Array<[string, string | null]>> {
  for (let n = 0; n < parts; n++) {
    const part = (await ctx.state.readJson<Array<[string, string | null]>>(seriesKey(ctx, run, 'listing', n)))?.value;
    if (!part) throw new Error(`rebuild run ${run}: part ${n} of its scanned listing is missing`);
    yield part;
  }
}

/** Writes `items` (each as `store` gives it, with its position) as consecutive objects of at most `size`; answers how many each holds. */
async function writeSeries<T>(ctx: PublishContext, run: string, name: 'stories' | 'listing', items: readonly T[], size: number, store: (item: T, index: number) => unknown): Promise<number[]> {
  const counts: number[] = [];
  for (let at = 0; at < items.length; at += size) counts.push(Math.min(size, items.length - at));
  await mapConcurrently(counts, CONCURRENCY, (_count, n) => ctx.state.put(seriesKey(ctx, run, name, n), JSON.stringify(items.slice(n * size, (n + 1) * size).map((item, i) => store(item, n * size + i)))));
  return counts;
}
