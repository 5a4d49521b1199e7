import type { KeyRange, StateKeys } from '../../core/ports/state-keys.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { removeRun, runKeys } from './distributed-scan.js';

/** Folders of public files the publisher owns in the site bucket (beside its state): a rebuild deletes anything there it did not produce. */
export const OWNED_FILES = ['stories/', 'sections/', 'media/', 'archive/', 'partners/'];

const HEX = '0123456789abcdef';
/** First characters of a story page's name (`storyPath`: a slug, else its hash), each listed by the group of its character code. */
const SLUG = '0123456789abcdefghijklmnopqrstuvwxyz';
const PAGES = 'stories/';
const pageGroup = (first: string) => HEX[first.charCodeAt(0) % HEX.length]!;
const MEDIA = 'media/';
/** The group of every owned key no other group takes: archive pages, section and partner files, the heads' state. */
const REST = 'rest';
/** Listings and deletions at once. */
const CONCURRENCY = 8;
/**
 * Stories a shard of hashed groups is sized for: ~10 keys a story, so ~500 000 keys (500 LISTs,
 * ~20 s of CPU) a shard; a small archive's 16 groups are one shard, a million stories' 16.
 */
const SHARD_STORIES = 50_000;
/** Order slices (a feed's ~115 days each) one shard takes. */
const SHARD_SLICES = 8;

/** Folders whose next character is a hex digit of a hash: records, items, claims, photo sets, photo users, photos. */
const hashed = (keys: StateKeys) => [keys.records, keys.items, keys.claims, keys.photoSets, keys.mediaUsers, MEDIA];

/**
 * The stale sweep's group of a key the rebuild owns (docs/decisions/005, step 7): each group is
 * listed by one sweep child. Hashed keys (records, items, claims, photos and their users, carried
 * markers by their claim, story pages by their name's first character) go to one of 16 groups by
 * that character, so each holds a sixteenth of the site; order markers to their feed's slice of
 * ~115 days (`orderSweepSlice`); the rest (archive pages, section and partner files, heads' state)
 * to one group. Undefined for a key the rebuild never deletes: outside the owned folders, or a run's scratch.
 */
export function sweepGroupOf(keys: StateKeys, key: string): string | undefined {
  if (key.startsWith(keys.rebuildRuns)) return undefined;
  const slice = keys.orderSweepSlice(key);
  if (slice !== undefined) return slice;
  const hex = (char: string | undefined) => (char !== undefined && HEX.includes(char) ? char : REST);
  for (const folder of hashed(keys)) if (key.startsWith(folder)) return hex(key[folder.length]);
  if (key.startsWith(keys.carriedMarkers)) return hex(keys.claimOfCarried(key)[0]);
  if (key.startsWith(PAGES)) return SLUG.includes(key[PAGES.length] ?? '-') ? pageGroup(key[PAGES.length]!) : REST;
  return [keys.root, ...OWNED_FILES].some((folder) => key.startsWith(folder)) ? REST : undefined;
}

/**
 * The keys one step of a run produced (wrote, or found as it would write them), by sweep group:
 * stored apart per group, so a sweep child reads only its own group's keys, not the whole run.
 */
export class ProducedKeys {
  private readonly groups = new Map<string, Set<string>>();

  constructor(private readonly keys: StateKeys) {}

  readonly add = (key: string): void => {
    const group = sweepGroupOf(this.keys, key);
    if (group === undefined) return;
    let keys = this.groups.get(group);
    if (!keys) this.groups.set(group, (keys = new Set()));
    keys.add(key);
  };

  /** Stores them as `producer` (a retried step writes the same objects again). */
  async store(ctx: PublishContext, run: string, producer: string): Promise<void> {
    await mapConcurrently([...this.groups], CONCURRENCY, ([group, keys]) => ctx.state.put(runKeys(ctx, run).produced(group, producer), [...keys].join('\n')));
  }
}

/** A run's summary, as its last step answers it and logs it (refused files by name). */
export type RunSummary = {
  published: number;
  held: number;
  rejected: string[];
  deleted: number;
  filesChanged: number;
  stateWritten: number;
};

/** The sweep's shards, each a list of groups. */
interface SweepPlan {
  shards: string[][];
}

/**
 * After the heads (the finish): the sweep's shards, each one child's groups — the 16 hashed groups
 * in as many shards as the archive needs, the order slices any step produced a marker in, a few a
 * shard, and the rest alone — stored with the finish's summary. Answers the sweep map's items.
 */
export async function writeSweepPlan(ctx: PublishContext, run: string, published: number): Promise<Array<{ shard: number }>> {
  const keys = runKeys(ctx, run);
  const slices = new Set<string>();
  for (const { key } of (await ctx.state.list(keys.producedParts)).objects) slices.add(keys.groupOfProduced(key)!);
  for (const group of [...HEX, REST]) slices.delete(group);
  let hashShards = 1;
  while (hashShards < HEX.length && hashShards * SHARD_STORIES < published) hashShards *= 2;
  const ordered = [...slices].sort();
  const shards = [
    ...Array.from({ length: hashShards }, (_, shard) => [...HEX].filter((_, at) => at % hashShards === shard)),
    ...Array.from({ length: Math.ceil(ordered.length / SHARD_SLICES) }, (_, at) => ordered.slice(at * SHARD_SLICES, (at + 1) * SHARD_SLICES)),
    [REST],
  ];
  await ctx.state.put(keys.sweep, JSON.stringify({ shards } satisfies SweepPlan));
  return shards.map((_, shard) => ({ shard }));
}

/**
 * A sweep child of the rebuild state machine (docs/decisions/005, step 7), after the heads: lists
 * one group of the site's owned keys, reads what the run's steps produced in it, and deletes the
 * difference — only objects written before `start` (the execution's start, to the second: S3 lists
 * times to the second), so a file a publish wrote during the run is never taken for stale. Readers
 * never see a head pointing at a deleted file: the heads were written first, and link only what
 * the run produced.
 */
export async function sweepShard(ctx: PublishContext, run: string, shard: number, start: Date): Promise<Swept> {
  const { keys } = ctx.state;
  const { shards } = (await ctx.state.readJson<SweepPlan>(runKeys(ctx, run).sweep))!.value;
  const groups = new Set(shards[shard]);
  const inRun = new Set(shards.flat());
  // The rest takes the order slices no step produced a marker in: the ones a withdrawn story left.
  const mine = (key: string) => {
    const of = sweepGroupOf(keys, key);
    return of !== undefined && (groups.has(of) || (groups.has(REST) && !inRun.has(of)));
  };
  const produced = new Set<string>();
  const parts = (await mapConcurrently([...groups], CONCURRENCY, async (group) => (await ctx.state.list(runKeys(ctx, run).produced(group, ''))).objects)).flat();
  await mapConcurrently(parts, CONCURRENCY, async ({ key }) => {
    for (const path of Buffer.from((await ctx.state.get(key))!.body).toString('utf8').split('\n')) produced.add(path);
  });
  const before = Math.floor(start.getTime() / 1000) * 1000;
  const partners = (ctx.config.partners ?? []).map(({ name }) => name);
  const ranges = groups.has(REST) ? restRanges(keys, shards, partners) : shardPrefixes(keys, groups, partners).map((prefix) => ({ prefix, after: '', through: '' }));
  const stale: string[] = [];
  await mapConcurrently(ranges, CONCURRENCY, async ({ prefix, after, through }) => {
    for (const { key, modified } of through === '' ? (await ctx.state.list(prefix)).objects : await ctx.state.listRange(prefix, after, through)) {
      if (mine(key) && !produced.has(key) && (modified ?? Infinity) < before) stale.push(key);
    }
  });
  await mapConcurrently(stale, CONCURRENCY, (key) => (key.startsWith(keys.root) ? ctx.state.delete(key) : ctx.writer.remove(key)));
  return { deleted: stale.length, filesChanged: ctx.writer.changed.size };
}

/** The prefixes a shard of hashed groups or order slices lists: whole folders when it has every hashed group. */
function shardPrefixes(keys: StateKeys, groups: ReadonlySet<string>, partners: readonly string[]): string[] {
  const slices = [...groups].filter((group) => group.length > 1);
  const digits = [...HEX].filter((digit) => groups.has(digit));
  const carried = partners.map((partner) => keys.carried({ name: partner }, ''));
  if (digits.length === HEX.length) return [...slices, ...hashed(keys), ...carried, PAGES];
  return [
    ...slices,
    ...digits.flatMap((digit) => [...hashed(keys), ...carried].map((folder) => folder + digit)),
    ...[...SLUG].filter((first) => groups.has(pageGroup(first))).map((first) => PAGES + first),
  ];
}

/**
 * The rest's ranges: every owned folder but for the prefixes the other groups list (and the runs'
 * scratch), as the ranges between them. A key listed there that another group takes is left to it.
 */
function restRanges(keys: StateKeys, shards: ReadonlyArray<readonly string[]>, partners: readonly string[]): KeyRange[] {
  const taken = [keys.rebuildRuns, ...shards.filter((groups) => !groups.includes(REST)).flatMap((groups) => shardPrefixes(keys, new Set(groups), partners))].sort();
  const ranges: KeyRange[] = [];
  for (const folder of [keys.root, ...OWNED_FILES]) {
    let after = folder;
    for (const prefix of taken) {
      if (!prefix.startsWith(folder) || prefix <= after) continue;
      ranges.push({ prefix: folder, after, through: prefix });
      after = `${prefix}\uffff`;
    }
    ranges.push({ prefix: folder, after, through: `${folder}\uffff` });
  }
  return ranges;
}

/** What a sweep child deleted: in all, and public files. */
export type Swept = {
  deleted: number;
  filesChanged: number;
};

/**
 * The run's close (docs/decisions/005, step 9): its summary, the finish's with what the sweep
 * children deleted and the import files it moved (`imported`, when the machine passes the count),
 * and its scratch removed. The site is rebuilt by then: scratch left behind is the lifecycle rule's
 * to expire (a warning), not a failure (a retried step would find the scan half gone).
 */
export async function closeRun(ctx: PublishContext, run: string, summary: RunSummary, swept: readonly Swept[], imported?: number): Promise<RunSummary & { imported?: number }> {
  let [deleted, filesChanged] = [summary.deleted, summary.filesChanged];
  for (const shard of swept) [deleted, filesChanged] = [deleted + shard.deleted, filesChanged + shard.filesChanged];
  await removeRun(ctx, run).catch((error: unknown) => ctx.warnings.push({ message: 'rebuild scratch not removed; it expires in a week', details: { run, error: error as Error } }));
  return { ...summary, deleted, filesChanged, ...(imported !== undefined && { imported }) };
}
