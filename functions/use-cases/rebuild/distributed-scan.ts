import { md5Hex } from '../../core/incremental/layout.js';
import type { RebuildRunKeys } from '../../core/ports/state-keys.js';
import { StoryError, type StoryProblem } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { RebuildConflictError } from './rebuild-guard.js';
import { scanStories, type ArchiveScan, type ScanFile, type ScannedStory } from './scan-stories.js';

/** A story's facts as a rebuild's scratch objects store them: dates as ISO strings, no listing position. */
export type StoredFacts = Omit<ScannedStory, 'published' | 'updated' | 'embargoedUntil' | 'index'> & { published: string; updated: string; embargoedUntil?: string };

/** One partition's scan as stored: its facts, and its refusals as their file and problems. */
interface StoredScan {
  keys: string[];
  /** A batch of import files (the import map's): its keys are the story files they become. */
  imported?: true;
  scanned: StoredFacts[];
  rejected: Array<{ file: string; problems: StoryProblem[] }>;
}

/** Stories read at once by one scan child or the finishing step; as the one-invocation rebuild. */
const CONCURRENCY = 8;

/** The scratch objects of one run; `run` is the Step Functions execution name. */
export function runKeys(ctx: PublishContext, run: string): RebuildRunKeys {
  if (!/^[\w-]{1,80}$/.test(run)) throw new Error(`not a rebuild run name: ${JSON.stringify(run)}`);
  return ctx.state.keys.rebuildRun(run);
}

/**
 * The scan of one partition of the listing (a Distributed Map child): reads and parses `keys` (as
 * listed: with the content prefix),
 * stores their facts and refusals under the run's folder, and answers only with counts (a child's
 * result must stay far below Step Functions' 256 KiB). Writing the same partition again (a retried
 * child) writes the same object.
 */
export async function scanPartition(ctx: PublishContext, run: string, keys: string[]): Promise<{ stories: number; rejected: number }> {
  // The maps' listings hold every object under stories/ or import/: only story files are scanned, an import as the story file it becomes.
  const files = keys.flatMap((key): ScanFile | ScanFile[] => {
    const story = ctx.content.storyKeyOf(key);
    return story !== undefined ? [{ key: story }] : (ctx.content.importOf(key) ?? []);
  });
  const sorted = files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { scanned, rejected } = await scanStories(ctx, sorted, CONCURRENCY);
  const stored: StoredScan = {
    keys: sorted.map(({ key }) => key),
    ...(sorted.some(({ from }) => from !== undefined) && { imported: true }),
    scanned: scanned.map(storedFacts),
    rejected: rejected.map(({ file, problems }) => ({ file, problems })),
  };
  // Named by the keys it read, so a retried child overwrites its own object and two partitions
  // (an import batch beside a batch of the stories it replaces) never collide.
  await ctx.state.put(runKeys(ctx, run).scanPart(md5Hex(sorted.map(({ key, from }) => from ?? key).join('\n'))), JSON.stringify(stored));
  return { stories: scanned.length, rejected: rejected.length };
}

/** A story's facts as stored (see {@link StoredFacts}). */
export function storedFacts({ index: _index, published, updated, embargoedUntil, ...facts }: ScannedStory): StoredFacts {
  return { ...facts, published: published.toISOString(), updated: updated.toISOString(), ...(embargoedUntil && { embargoedUntil: embargoedUntil.toISOString() }) };
}

/** Stored facts back as the rebuild uses them, at `index` in the listing. */
export function restoredFacts({ published, updated, embargoedUntil, ...rest }: StoredFacts, index: number): ScannedStory {
  return { ...rest, index, published: new Date(published), updated: new Date(updated), ...(embargoedUntil && { embargoedUntil: new Date(embargoedUntil) }) };
}

/**
 * Reads back every partition of a run's scan, merged in key order as one scan of the whole listing
 * would give it (positions are the listing's, which orders ties and reports). Each partition is
 * taken apart as it arrives, so the merge holds the facts once, not the partitions' text beside
 * them; section names, repeated by most stories, are kept once each. An import file stands for the
 * story file it becomes: where both were scanned, the story file's facts or refusal are dropped,
 * since the move will replace it. `imported` counts the import files.
 */
export async function readArchiveScan(ctx: PublishContext, run: string): Promise<ArchiveScan & { imported: number }> {
  const listing = await ctx.state.list(runKeys(ctx, run).scanParts);
  const keys: string[] = [];
  const scanned: ScannedStory[] = [];
  const refusals: Array<StoredScan['rejected'][number] & { imported: boolean }> = [];
  const imported = new Set<string>();
  const sections = new Map<string, ScannedStory['sections']>();
  await mapConcurrently(listing.objects, CONCURRENCY, async ({ key }) => {
    const part = (await ctx.state.readJson<StoredScan>(key))!.value;
    refusals.push(...part.rejected.map((refusal) => ({ ...refusal, imported: part.imported === true })));
    if (part.imported) for (const listed of part.keys) imported.add(listed);
    // The facts are in key order, as the keys: each key is kept once, as its facts' where it has some.
    let at = 0;
    for (const listed of part.keys) keys.push(part.scanned[at]?.key === listed ? part.scanned[at++]!.key : listed);
    for (const facts of part.scanned) {
      const shared = facts.sections.map(({ slug, name }) => `${slug}\n${name}`).join('\n');
      let named = sections.get(shared);
      if (!named) sections.set(shared, (named = facts.sections));
      facts.sections = named;
      scanned.push(restoredFacts(facts, -1));
    }
  });
  const unique = imported.size === 0 ? keys.sort() : [...new Set(keys)].sort();
  const current = imported.size === 0 ? scanned : scanned.filter((facts) => facts.from !== undefined || !imported.has(facts.key));
  current.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let at = 0;
  unique.forEach((key, index) => {
    if (current[at]?.key === key) current[at++]!.index = index;
  });
  // A refusal names its file as the content prefix and its key: in file order is in listing order.
  const replaced = (file: string) => imported.has(file.slice(ctx.content.prefix.length));
  const rejected = refusals
    .filter((refusal) => refusal.imported || !replaced(refusal.file))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map(({ file, problems }) => new StoryError(file, problems));
  return { keys: unique, scanned: current, rejected, imported: imported.size };
}

/**
 * Compares the scan (`scanned`: every listed key in order, with its ETag, none for a refused file)
 * with the content bucket as it is now: a story added, changed or removed since its partition was
 * read would be rebuilt from an older view than a publish of it, so the rebuild stops and asks to be
 * run again (RebuildConflictError), as when a story changes during the one-invocation rebuild.
 * Throws naming the first story file, in key order, that differs.
 */
export async function assertScanCurrent(ctx: PublishContext, scanned: AsyncIterable<Array<[key: string, etag: string | null]>>): Promise<void> {
  const [stories, imports] = await Promise.all([ctx.content.listStoryFiles(), ctx.content.listImports()]);
  // An import file stands for the story file it becomes, as in the scan.
  const files = new Map(stories.map(({ key, etag }) => [key, etag]));
  for (const { key, etag } of imports) files.set(key, etag);
  const now = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const conflict = (key: string, what: string) => new RebuildConflictError(ctx.content.prefix + key, { what });
  let at = 0;
  for await (const part of scanned) {
    for (const [key, etag] of part) {
      if (at < now.length && now[at]![0] < key) throw conflict(now[at]![0], 'an editor added');
      if (now[at]?.[0] !== key) {
        // A refused file has no facts: only its presence is compared; its second read refuses it again.
        if (etag !== null) throw conflict(key, 'an editor removed');
        continue;
      }
      if (etag !== null && now[at]![1] !== etag) throw conflict(key, 'an editor changed');
      at += 1;
    }
  }
  if (at < now.length) throw conflict(now[at]![0], 'an editor added');
}

/** Deletes a run's scratch objects once its rebuild finished. */
export async function removeRun(ctx: PublishContext, run: string): Promise<void> {
  const listing = await ctx.state.list(runKeys(ctx, run).folder);
  await mapConcurrently(listing.objects, CONCURRENCY, ({ key }) => ctx.state.delete(key));
}
