import { createHash } from 'node:crypto';
import { sourceHash, type FeedFolder } from '../../core/incremental/layout.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import { inKeyRange } from '../../core/incremental/key-range.js';
import type { KeyRange, StateKeys } from '../../core/ports/state-keys.js';
import { storyPath } from '../../core/story-path.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { runKeys } from './distributed-scan.js';
import type { ScannedStory } from './scan-stories.js';

/**
 * What the order step listed for the render children: the prefixes it listed whole (a path under
 * one of them that is not in a partition's objects was absent; a path under none is asked for), and
 * how many objects of ETags it stored for each partition.
 */
export interface PartitionEtagsIndex {
  prefixes: string[];
  chunks: number[];
}

/** A path's ETag as the order step listed it: `{ etag: undefined }` when absent; undefined when the listing does not cover the path. */
export type ListedEtag = (path: string) => { etag: string | undefined } | undefined;

/** Keys and ETags per stored object: a few hundred KB. */
const CHUNK = 5_000;

/**
 * Keys the order step lists at most (≤ ~23 s of its one vCPU at 30–45 µs a listed key, measured:
 * docs/performance.md §7). A listed key costs the order step 20–30× less CPU than a child's HEAD, but
 * one vCPU lists while a hundred children ask: past this, slices not yet listed are left to the
 * children's HEADs. An empty site (a first import) lists nothing, whatever its size.
 */
const LISTED_KEYS = 500_000;

/** Listings (and writes) at once. */
const CONCURRENCY = 8;

/** Every story page (`storyPath`). */
const PAGES_ROOT = 'stories/';
const HEX = '0123456789abcdef';
const SLUG = '0123456789abcdefghijklmnopqrstuvwxyz';

const chunkKey = (ctx: PublishContext, run: string, partition: number, n: number) => runKeys(ctx, run).etags(partition, n);

/**
 * The partition whose stories own a listed key: a story's item, its photo set member marker and its
 * record (by its source hash), its uri's claim (by the claim hash), its page (by its uri), and the
 * records of the files of its uri it supersedes. A set's markers on its photos are no story's: a
 * child asks for them, and only for a set a story of its own joins anew. Kept for every story of
 * the run beside its facts, so kept as numbers, not strings: each key as a 128-bit digest (the
 * source or claim hash itself; an MD5 of the page path) in an open-addressed table of typed arrays,
 * ~110 bytes a story, no garbage (a Map of strings took ~245 bytes a story at 1M: docs/performance.md §7).
 */
export class EtagOwners {
  private readonly byHash: DigestTable;
  private readonly byPage: DigestTable;
  private count = 0;

  /** `stories`, `superseded`: how many `add` and `addSuperseded` will take at most (the tables are sized once). */
  constructor(
    private readonly keys: StateKeys,
    stories: number,
    superseded = 0,
  ) {
    this.byHash = new DigestTable(stories * 2 + superseded);
    this.byPage = new DigestTable(stories);
  }

  add(facts: ScannedStory, partition: number): void {
    this.byHash.set(hashDigest(sourceHash(facts.key))!, partition);
    this.byHash.set(hashDigest(claimHash(facts.id))!, partition);
    this.byPage.set(pageDigest(storyPath(facts)), partition);
    this.count += 1;
  }

  /** A file another of its uri supersedes: its record is its uri's partition's (after that story's `add`). */
  addSuperseded(facts: ScannedStory): void {
    const partition = this.ownerOfHash(claimHash(facts.id));
    if (partition === undefined) throw new Error(`rebuild: ${facts.key} is superseded, but no story of its uri was ordered`);
    this.byHash.set(hashDigest(sourceHash(facts.key))!, partition);
  }

  get stories(): number {
    return this.count;
  }

  ownerOf(key: string): number | undefined {
    const hash = this.keys.sourceOfItem(key) ?? this.keys.sourceOfRecord(key) ?? this.keys.hashOfClaim(key);
    if (hash !== undefined) return this.ownerOfHash(hash);
    if (key.startsWith(this.keys.photoSets)) return this.ownerOfHash(this.keys.userOfSetMember(key));
    return this.byPage.get(pageDigest(key));
  }

  private ownerOfHash(hash: string): number | undefined {
    const digest = hashDigest(hash);
    return digest && this.byHash.get(digest);
  }
}

const DIGEST_WORDS = 4;
const scratch = Buffer.alloc(DIGEST_WORDS * 4);

/** A source hash (32 hex digits) as its 128 bits; undefined for a string no source hash can be. */
function hashDigest(hash: string): Buffer | undefined {
  return hash.length === scratch.length * 2 && scratch.write(hash, 'hex') === scratch.length ? scratch : undefined;
}

function pageDigest(path: string): Buffer {
  return createHash('md5').update(path).digest();
}

/** Partition by 128-bit digest: linear probing in a table at most half full. */
class DigestTable {
  private readonly words: Uint32Array;
  /** Partition + 1 of each slot; 0 when the slot is free. */
  private readonly owners: Uint16Array;
  private readonly mask: number;
  private size = 0;

  constructor(entries: number) {
    let slots = 2;
    while (slots < entries * 2) slots *= 2;
    this.words = new Uint32Array(slots * DIGEST_WORDS);
    this.owners = new Uint16Array(slots);
    this.mask = slots - 1;
  }

  set(digest: Buffer, partition: number): void {
    if (partition + 1 > 0xffff) throw new RangeError(`partition ${partition} past the owners' table (${0xffff - 1} at most)`);
    const slot = this.find(digest);
    if (this.owners[slot] === 0) {
      // Kept at most half full, so a probe stays short and always meets a free slot.
      if (++this.size > (this.mask + 1) / 2) throw new RangeError('more owners than the table was sized for');
      for (let w = 0; w < DIGEST_WORDS; w++) this.words[slot * DIGEST_WORDS + w] = digest.readUInt32LE(w * 4);
    }
    this.owners[slot] = partition + 1;
  }

  get(digest: Buffer): number | undefined {
    const owner = this.owners[this.find(digest)]!;
    return owner === 0 ? undefined : owner - 1;
  }

  /** The slot holding `digest`, or the free slot where it would go. */
  private find(digest: Buffer): number {
    const [a, b, c, d] = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.owners[slot] === 0) return slot;
      const at = slot * DIGEST_WORDS;
      if (this.words[at] === a && this.words[at + 1] === b && this.words[at + 2] === c && this.words[at + 3] === d) return slot;
    }
  }
}

/**
 * Lists, once for the whole run, the objects each story owns and whose key does not say when it
 * was published — items, photo set members, pages, records and claims — and stores each partition's keys with their
 * ETags, so a render or records child need not ask for them one by one (docs/decisions/005, step 3). Each
 * prefix is listed in slices (by its next characters) so no listing holds more than a slice, and
 * each partition's keys are stored as they fill an object: memory stays bounded by the slices and
 * the partitions' unfilled objects, not the site. Slices are listed until `budget` keys; the index
 * names those listed, and a child asks for the rest.
 */
export async function writePartitionEtags(ctx: PublishContext, run: string, owners: EtagOwners, partitions: number, budget = LISTED_KEYS): Promise<PartitionEtagsIndex> {
  const depth = owners.stories > 200_000 ? 2 : owners.stories > 20_000 ? 1 : 0;
  const { items, photoSets, records, claims } = ctx.state.keys;
  // Records and claims last: only the records children ask for them, after the render children.
  const prefixes = [...slices(items, HEX, depth), ...slices(photoSets, HEX, depth), ...slices(PAGES_ROOT, SLUG, depth), ...slices(records, HEX, depth), ...slices(claims, HEX, depth)];
  const pending = Array.from({ length: partitions }, (): Array<[string, string]> => []);
  const chunks = new Array<number>(partitions).fill(0);
  const listed: string[] = [];
  let keys = 0;
  const store = (partition: number) => {
    const entries = pending[partition]!;
    pending[partition] = [];
    return ctx.state.put(chunkKey(ctx, run, partition, chunks[partition]!++), JSON.stringify(entries));
  };
  await mapConcurrently(prefixes, CONCURRENCY, async (prefix) => {
    if (keys >= budget) return;
    const { objects } = await ctx.state.list(prefix);
    // Passed meanwhile by the slices listed beside this one: left to the children too.
    if (keys >= budget) return;
    keys += objects.length;
    listed.push(prefix);
    const filled = new Set<number>();
    for (const { key, etag } of objects) {
      const partition = owners.ownerOf(key);
      if (partition === undefined) continue;
      pending[partition]!.push([key, etag]);
      if (pending[partition]!.length >= CHUNK) filled.add(partition);
    }
    for (const partition of filled) if (pending[partition]!.length >= CHUNK) await store(partition);
  });
  const left = pending.flatMap((entries, partition) => (entries.length > 0 ? [partition] : []));
  await mapConcurrently(left, CONCURRENCY, store);
  return { prefixes: listed, chunks };
}

/** The ETags the order step listed for `partition`'s stories. */
export async function readPartitionEtags(ctx: PublishContext, run: string, partition: number, index: PartitionEtagsIndex): Promise<ListedEtag> {
  const etags = new Map<string, string>();
  const parts = Array.from({ length: index.chunks[partition] ?? 0 }, (_, n) => chunkKey(ctx, run, partition, n));
  await mapConcurrently(parts, CONCURRENCY, async (key) => {
    const entries = (await ctx.state.readJson<Array<[string, string]>>(key))?.value;
    if (!entries) throw new Error(`rebuild run ${run}: ${key} is missing (did the order step run?)`);
    for (const [path, etag] of entries) etags.set(path, etag);
  });
  const listed = new Set(index.prefixes);
  const lengths = [...new Set(index.prefixes.map((prefix) => prefix.length))];
  return (path) => (lengths.some((length) => listed.has(path.slice(0, length))) ? { etag: etags.get(path) } : undefined);
}

/** `root` followed by every string of `depth` characters of `alphabet`. */
function slices(root: string, alphabet: string, depth: number): string[] {
  let prefixes = [root];
  for (let n = 0; n < depth; n++) prefixes = prefixes.flatMap((prefix) => [...alphabet].map((next) => prefix + next));
  return prefixes;
}

/**
 * The ETags of the order markers of `stories` (a partition, in feed order), listed by their time
 * range (`StateKeys.orderRange`: one run of keys, a request per 1 000 of them) once per feed, when the
 * first marker of that feed is asked for. Undefined for a path that is no marker, or outside the
 * partition's range.
 */
export function orderMarkerEtags(ctx: PublishContext, stories: readonly ScannedStory[]): (path: string) => Promise<string | undefined> | undefined {
  if (stories.length === 0) return () => undefined;
  let [first, last] = [Infinity, -Infinity];
  for (const { published } of stories) [first, last] = [Math.min(first, published.getTime()), Math.max(last, published.getTime())];
  const [from, to] = [new Date(first).toISOString(), new Date(last).toISOString()];
  const feeds = new Map<FeedFolder, { range: KeyRange; listed: Promise<Map<string, string>> }>();
  return (path) => {
    const feed = ctx.state.keys.feedOfOrder(path);
    if (feed === undefined) return undefined;
    let listing = feeds.get(feed);
    if (!listing) {
      const range = ctx.state.keys.orderRange(feed, from, to);
      const listed = ctx.state.listRange(range.prefix, range.after, range.through).then((objects) => new Map(objects.map(({ key, etag }) => [key, etag])));
      feeds.set(feed, (listing = { range, listed }));
    }
    if (!inKeyRange(path, listing.range)) return undefined;
    return listing.listed.then((etags) => etags.get(path));
  };
}
