import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { readCutPlaces, readRunCut } from './cut-archive.js';
import { runKeys } from './distributed-scan.js';
import { readPartitionEtags } from './partition-etags.js';
import { putChildState } from './rebuild-guard.js';
import { readRenderedPartition } from './render-partition.js';
import { readOrderPartition } from './run-order.js';
import type { ScannedStory } from './scan-stories.js';
import { keptRecord, placedRecord, supersededRecord, uriClaim } from './story-records.js';
import { ProducedKeys } from './stale-sweep.js';
import { announcesKills } from '../../core/partners/kill-notice.js';

/** Objects written at once. */
const CONCURRENCY = 8;

const writtenKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).recordsWritten(partition);

/** What the records children wrote, summed, for the finish's summary. */
export interface RecordsWrittenCount {
  stateWritten: number;
}

/**
 * A records child of the rebuild state machine (docs/decisions/005, step 6): writes the records of
 * one partition's stories — each with the archive page of each feed it is on, as the cut placed it
 * — the records of the files of their uris another file supersedes, and their uris' claims, by the
 * rules the one-invocation rebuild writes them with (`story-records.ts`). It asks for no object one
 * by one when the order step listed it (`readPartitionEtags`), else for its ETag (HEAD). A write is
 * conditional on that ETag (a publish since: RebuildConflictError, not retried); an unchanged object
 * is not written. The cut checked after that listing that the content bucket still holds what was
 * scanned, so a publish before it stopped the run there.
 */
export async function writeRunRecords(ctx: PublishContext, run: string, partition: number): Promise<{ records: number; claims: number; written: number }> {
  const { facts, kept, superseded, etags } = await readOrderPartition(ctx, run, partition);
  const [rendered, places, listed] = await Promise.all([readRenderedPartition(ctx, run, partition), readCutPlaces(ctx, run, partition), readPartitionEtags(ctx, run, partition, etags)]);
  // The last good versions of refused files, placed by the cut at their own dates, wherever those fall.
  const cutKept = rendered.stories.some((story) => story.kind === 'refused') ? new Map((await readRunCut(ctx, run)).kept) : undefined;
  if (rendered.stories.length !== facts.length || places.length !== facts.length) throw new Error(`rebuild run ${run}: partition ${partition} has ${facts.length} stories, ${rendered.stories.length} rendered, ${places.length} cut`);
  const records: Array<{ hash: string; record: StoryRecord }> = [];
  for (const [at, story] of rendered.stories.entries()) {
    const place = places[at] ?? null;
    const pages = place && 'pages' in place ? place.pages : undefined;
    if (story.kind === 'kept') {
      const lastGood = kept.get(facts[at]!.key)!;
      records.push({ hash: lastGood.hash, record: keptRecord(lastGood.record, lastGood.entry.id, pages!) });
    } else if (story.kind === 'refused') {
      const lastGood = cutKept?.get(story.error.file);
      if (lastGood) records.push(lastGood);
    } else if (story.kind === 'none') {
      records.push(supersededRecord(facts[at]!));
    } else {
      if ((story.entry !== undefined) !== (pages !== undefined)) throw new Error(`rebuild run ${run}: ${facts[at]!.key} ${story.entry ? 'has an item the cut did not place' : 'was placed by the cut without an item'}`);
      records.push({ hash: story.hash, record: placedRecord(story.record, pages) });
    }
  }
  // The files of these stories' uris that others supersede, by uri.
  const claims = new Map(facts.map((story) => [claimHash(story.id), { story, superseded: [] as ScannedStory[] }]));
  for (const file of superseded) {
    const uri = claims.get(claimHash(file.id));
    if (!uri) continue;
    uri.superseded.push(file);
    records.push(supersededRecord(file));
  }
  const writes: Array<[string, string]> = [
    ...records.map(({ hash, record }): [string, string] => [ctx.state.keys.record(hash), JSON.stringify(record)]),
    ...[...claims.values()].map(({ story, superseded }): [string, string] => {
      const [hash, claim] = uriClaim(story, superseded);
      return [ctx.state.keys.claim(hash), JSON.stringify(claim)];
    }),
  ];
  // Its records and claims, and what partners that announce kills carried of its uris: kept while
  // the uri is in the content (core/partners/carried-history.ts), deleted by the sweep otherwise.
  const produced = new ProducedKeys(ctx.state.keys);
  const killing = (ctx.config.partners ?? []).filter(announcesKills);
  for (const [key] of writes) produced.add(key);
  for (const hash of claims.keys()) for (const partner of killing) produced.add(ctx.state.keys.carried(partner, hash));
  let written = 0;
  await mapConcurrently(writes, CONCURRENCY, async ([key, body]) => {
    const seen = listed(key) ?? { etag: (await ctx.state.stat(key))?.etag };
    if ((await putChildState(ctx, key, body, seen.etag)).wrote) written += 1;
  });
  await ctx.state.put(writtenKey(ctx, run, partition), JSON.stringify({ stateWritten: written } satisfies RecordsWrittenCount));
  await produced.store(ctx, run, `records-${partition}`);
  return { records: records.length, claims: claims.size, written };
}

/** What the records children wrote, summed, for the finish's summary. */
export async function readRecordsWritten(ctx: PublishContext, run: string, partitions: number): Promise<RecordsWrittenCount> {
  const total: RecordsWrittenCount = { stateWritten: 0 };
  for (let partition = 0; partition < partitions; partition++) {
    const written = (await ctx.state.readJson<RecordsWrittenCount>(writtenKey(ctx, run, partition)))?.value;
    if (!written) throw new Error(`rebuild run ${run}: the records of partition ${partition} were not written`);
    total.stateWritten += written.stateWritten;
  }
  return total;
}
