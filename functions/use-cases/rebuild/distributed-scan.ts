import { md5Hex } from '../../core/incremental/layout.js';
import { StoryError, type StoryProblem } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { RebuildConflictError } from './rebuild-guard.js';
import { scanStories, type ArchiveScan, type ScannedStory } from './scan-stories.js';
import { REBUILD_RUNS_ROOT } from './rebuild-runs.js';

/** One partition's scan as stored: dates as ISO strings, refusals as their file and problems. */
interface StoredScan {
  keys: string[];
  scanned: Array<Omit<ScannedStory, 'published' | 'updated' | 'embargoedUntil' | 'index'> & { published: string; updated: string; embargoedUntil?: string }>;
  rejected: Array<{ file: string; problems: StoryProblem[] }>;
}

/** Stories read at once by one scan child or the finishing step; as the one-invocation rebuild. */
const CONCURRENCY = 8;

/** The folder of one run's scan; `run` is the Step Functions execution name. */
export function scanFolder(run: string): string {
  if (!/^[\w-]{1,80}$/.test(run)) throw new Error(`not a rebuild run name: ${JSON.stringify(run)}`);
  return `${REBUILD_RUNS_ROOT}${run}/scan/`;
}

/**
 * The scan of one partition of the listing (a Distributed Map child): reads and parses `keys`,
 * stores their facts and refusals under the run's folder, and answers only with counts (a child's
 * result must stay far below Step Functions' 256 KiB). Writing the same partition again (a retried
 * child) writes the same object.
 */
export async function scanPartition(ctx: PublishContext, run: string, keys: string[]): Promise<{ stories: number; rejected: number }> {
  const sorted = [...keys].sort();
  const { scanned, rejected } = await scanStories(ctx, sorted, CONCURRENCY);
  const stored: StoredScan = {
    keys: sorted,
    scanned: scanned.map(({ index: _index, published, updated, embargoedUntil, ...facts }) => ({
      ...facts,
      published: published.toISOString(),
      updated: updated.toISOString(),
      ...(embargoedUntil && { embargoedUntil: embargoedUntil.toISOString() }),
    })),
    rejected: rejected.map(({ file, problems }) => ({ file, problems })),
  };
  // Named by its keys, so a retried child overwrites its own object and two partitions never collide.
  await ctx.state.put(`${scanFolder(run)}${md5Hex(sorted.join('\n'))}.json`, JSON.stringify(stored));
  return { stories: scanned.length, rejected: rejected.length };
}

/**
 * Reads back every partition of a run's scan, merged in key order as one scan of the whole listing
 * would give it (positions are the listing's, which orders ties and reports). Then compares it with
 * the content bucket as it is now: a story added, changed or removed since its partition was read
 * would be rebuilt from an older view than a publish of it, so the rebuild stops and asks to be run
 * again (RebuildConflictError), as when a story changes during the one-invocation rebuild.
 */
export async function readArchiveScan(ctx: PublishContext, run: string): Promise<ArchiveScan> {
  const folder = scanFolder(run);
  const listing = await ctx.state.list(folder);
  const parts = await mapConcurrently(listing.objects, CONCURRENCY, async ({ key }) => (await ctx.state.readJson<StoredScan>(key))!.value);
  const keys = parts.flatMap((part) => part.keys).sort();
  const byKey = new Map(parts.flatMap((part) => part.scanned).map((facts) => [facts.key, facts]));
  const scanned: ScannedStory[] = [];
  keys.forEach((key, index) => {
    const facts = byKey.get(key);
    if (!facts) return;
    const { published, updated, embargoedUntil, ...rest } = facts;
    scanned.push({ ...rest, index, published: new Date(published), updated: new Date(updated), ...(embargoedUntil && { embargoedUntil: new Date(embargoedUntil) }) });
  });
  // A refusal names its file as the content prefix and its key: in file order is in listing order.
  const rejected = parts
    .flatMap((part) => part.rejected)
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map(({ file, problems }) => new StoryError(file, problems));
  await assertScanCurrent(ctx, keys, scanned);
  return { keys, scanned, rejected };
}

/** Throws RebuildConflictError naming the first story file that differs from the scan. */
async function assertScanCurrent(ctx: PublishContext, keys: string[], scanned: ScannedStory[]): Promise<void> {
  const etags = new Map(scanned.map((facts) => [facts.key, facts.etag]));
  const now = await ctx.content.listStoryFiles();
  const listed = new Set(keys);
  for (const { key, etag } of now) {
    // A refused file has no facts: only its presence is compared; its second read refuses it again.
    if (!listed.has(key) || (etags.has(key) && etags.get(key) !== etag)) throw new RebuildConflictError(ctx.content.prefix + key, { what: listed.has(key) ? 'an editor changed' : 'an editor added' });
  }
  const present = new Set(now.map(({ key }) => key));
  const gone = keys.find((key) => !present.has(key) && etags.has(key));
  if (gone !== undefined) throw new RebuildConflictError(ctx.content.prefix + gone, { what: 'an editor removed' });
}

/** Deletes a run's scratch objects once its rebuild finished. */
export async function removeRun(ctx: PublishContext, run: string): Promise<void> {
  const listing = await ctx.state.list(scanFolder(run));
  await mapConcurrently(listing.objects, CONCURRENCY, ({ key }) => ctx.state.delete(key));
}
