import { sourceHash } from '../../core/incremental/layout.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { PreconditionFailedError } from '../../core/ports/state-store.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';

/** An import file as the move map lists it: the story file it becomes, where it is, its ETag. */
export interface ImportFile {
  key: string;
  from: string;
  etag: string;
}

/**
 * The rebuild state machine's move map (after the heads are written and the stale files swept):
 * moves one batch of import files to the story files they were published as. The notification each copy raises then finds
 * its record already as it would write it. A copy of a multipart upload gets another ETag than the
 * import had (an MD5 of the bytes instead of `…-N`): the record made from the import is given the
 * copy's ETag first, unless a publish wrote the record since, so the publish has nothing to write.
 * An import replaced or removed since the listing is left where it is (`left`), for the next run.
 */
export async function moveImports(ctx: PublishContext, listed: Array<{ key: string; etag: string }>): Promise<{ moved: number; left: number; records: number }> {
  // As the map lists them: keys with the content prefix, ETags quoted.
  const files = listed.flatMap(({ key, etag }): ImportFile[] => {
    const file = ctx.content.importOf(key);
    return file ? [{ ...file, etag: etag.replace(/^"|"$/g, '') }] : [];
  });
  let moved = 0;
  let left = 0;
  let records = 0;
  await mapConcurrently(files, REQUESTS_AT_ONCE, async (file) => {
    const etag = await ctx.content.moveImport(file);
    if (etag === undefined) {
      left += 1;
      return;
    }
    moved += 1;
    if (etag !== file.etag && (await recordCopiedEtag(ctx, file, etag))) records += 1;
  });
  return { moved, left, records };
}

/** Gives the record made from `file` the ETag of its copy; false when the record is another's (a publish since) or gone. */
async function recordCopiedEtag(ctx: PublishContext, file: ImportFile, etag: string): Promise<boolean> {
  const key = ctx.state.keys.record(sourceHash(file.key));
  const read = await ctx.state.readJson<StoryRecord>(key);
  if (read?.value.etag !== file.etag) return false;
  try {
    await ctx.state.write(key, JSON.stringify({ ...read.value, etag }), read.etag);
    return true;
  } catch (error) {
    // A publish of the copy wrote the record first, with the copy's ETag: nothing left to do.
    if (error instanceof PreconditionFailedError) return false;
    throw error;
  }
}
