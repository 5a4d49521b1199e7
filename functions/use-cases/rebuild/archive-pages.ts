import type { WindowEntry } from '../../core/incremental/feed-window.js';
import { md5Hex } from '../../core/incremental/layout.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import { runKeys } from './distributed-scan.js';
import { readCutBatch, readRunCut } from './cut-archive.js';
import { writeArchivePage, type PutFile } from './feed-rebuild.js';
import { putRebuildState, RebuildConflictError } from './rebuild-guard.js';
import { inputsRecord, pageInputsDigest, recordedFiles } from './page-inputs.js';
import { ProducedKeys } from './stale-sweep.js';
import { archivePagePaths } from '../../core/outputs/feed-set/feed-set-files.js';

/** Pages written at once; each reads its items at once. */
const CONCURRENCY = 4;

const writtenKey = (ctx: PublishContext, run: string, batch: number) => runKeys(ctx, run).pagesWritten(batch);

/** What an archive-page child wrote, for the finish's summary. */
export interface PagesWrittenCount {
  stateWritten: number;
  filesChanged: number;
}

/** What an archive-page child did: pages of its batch, those it rendered, and the items it read for them. */
export type PagesDone = { pages: number; rendered: number; items: number };

/**
 * An archive-page child of the rebuild state machine (docs/decisions/005, step 5): renders and
 * writes one batch of the closed pages the cut step stored, each from its items as the render
 * children (or the publish of a kept version) stored them under `_wirefeed/items/`, with the
 * `prev-archive`/`next-archive` links its number gives. An item whose ETag is not the MD5 the cut
 * took it at was rewritten by a publish since: the run stops (RebuildConflictError). Like a render
 * child it does not list the site: it asks for each object's ETag (HEAD) before writing it, so a
 * state write is conditional on it and an unchanged page is not written again.
 * A page whose inputs — its items' MD5s, number and links, feed title, site config and the code
 * (`code`, `codeIdentity`) — are those the last rebuild recorded beside its still-listed state
 * (page-inputs.ts), and whose public files still have the MD5s that record names, is not rendered
 * at all: none of its items is read. A page rendered records its inputs and files once they are written.
 */
export async function writeRunArchivePages(ctx: PublishContext, run: string, batch: number, code: string): Promise<PagesDone> {
  const cut = await readRunCut(ctx, run);
  const metas = new Map(cut.feeds.map(([folder, { meta }]) => [folder, meta]));
  const pages = await readCutBatch(ctx, run, batch);
  let stateWritten = 0;
  const etagOf = async (path: string) => (await ctx.state.stat(path))?.etag;
  const put: PutFile = async (path, body, state) => {
    const seen = await etagOf(path);
    if (!state) return ctx.writer.publish(path, body, seen);
    if (seen !== undefined && seen === md5Hex(body)) return seen;
    stateWritten += 1;
    return putRebuildState(ctx, path, body, seen);
  };
  let items = 0;
  let rendered = 0;
  // Every page of the batch is the run's, rendered or left as it was (for the sweep).
  const produced = new ProducedKeys(ctx.state.keys);
  for (const { folder, n } of pages) for (const path of [...archivePagePaths(folder, n), ctx.state.keys.archivePage(folder, n), ctx.state.keys.archiveInputs(folder, n)]) produced.add(path);
  await mapConcurrently(pages, CONCURRENCY, async ({ folder, n, hasNewer, items: refs, listed }) => {
    const meta = metas.get(folder);
    if (!meta) throw new Error(`rebuild run ${run}: feed '${folder}' of page batch ${batch} is not in its cut`);
    const digest = pageInputsDigest({ code, config: ctx.config, folder, meta, n, hasNewer, items: refs });
    const key = ctx.state.keys.archiveInputs(folder, n);
    if (listed) {
      const recorded = await ctx.state.get(key);
      const files = recordedFiles(listed, digest, recorded && Buffer.from(recorded.body).toString('utf8'));
      const unchanged = files && (await Promise.all(files.map(async ([path, md5]) => (await ctx.state.stat(path))?.etag === md5)));
      if (unchanged?.every(Boolean)) return;
    }
    rendered += 1;
    const entries = await mapConcurrently(refs, 8, async ([hash, md5]) => {
      const item = await ctx.state.readJson<WindowEntry>(ctx.state.keys.item(hash));
      if (item?.etag !== md5) throw new RebuildConflictError(ctx.state.keys.item(hash));
      return item.value;
    });
    items += entries.length;
    const { etag: state, files } = await writeArchivePage(ctx, folder, meta, { n, entries, hasNewer }, put);
    // Not counted as written: it is the state machine's memory of its pages, which a rebuild in one invocation does not keep.
    const record = inputsRecord(digest, state, files);
    const seen = await etagOf(key);
    if (seen !== md5Hex(record)) await putRebuildState(ctx, key, record, seen);
  });
  const written: PagesWrittenCount = { stateWritten, filesChanged: ctx.writer.changed.size };
  await ctx.state.put(writtenKey(ctx, run, batch), JSON.stringify(written));
  await produced.store(ctx, run, `pages-${batch}`);
  return { pages: pages.length, rendered, items };
}

/** What the archive-page children wrote, summed, for the finish's summary. */
export async function readPagesWritten(ctx: PublishContext, run: string, batches: number): Promise<PagesWrittenCount> {
  const total: PagesWrittenCount = { stateWritten: 0, filesChanged: 0 };
  for (let batch = 0; batch < batches; batch++) {
    const written = (await ctx.state.readJson<PagesWrittenCount>(writtenKey(ctx, run, batch)))?.value;
    if (!written) throw new Error(`rebuild run ${run}: page batch ${batch} was not written`);
    total.stateWritten += written.stateWritten;
    total.filesChanged += written.filesChanged;
  }
  return total;
}
