import type { DedupeFacts } from '../../core/dedupe-stories.js';
import { isReleased } from '../../core/feed.js';
import { sourceHash } from '../../core/incremental/layout.js';
import { planStory, type StoryPlan } from '../../core/incremental/plan-story.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { parseStoryCompact as parseStory } from '../../core/ninjs/parse-story-compact.js';
import type { KnownMedia, LoadedMedia } from '../../core/ports/story-store.js';
import { StoryError } from '../../core/story-error.js';
import type { Story } from '../../core/story.js';
import type { PublishContext } from '../publish/publish-context.js';
import { forEachInOrder } from '../concurrently.js';

/**
 * What a rebuild keeps of each story between reading all of them and publishing them one by one:
 * what deduplicates, claims, orders and releases it, and its sections' names (a section feed is named
 * by its newest story). A few hundred bytes, where the parsed story is tens of kilobytes.
 */
export interface ScannedStory extends DedupeFacts, Pick<Story, 'published' | 'status' | 'embargoedUntil'> {
  key: string;
  /** An imported story: the import key its bytes are read from until it is moved to `key`. */
  from?: string;
  etag: string;
  /** Position in the listing: ties and reports keep the listing's order. */
  index: number;
  sections: Array<{ slug: string; name: string }>;
}

/** The rebuild's first pass over the whole archive, as its second pass reads it. */
export interface ArchiveScan {
  /** Every story key listed, sorted: a refusal's place in reports. */
  keys: string[];
  scanned: ScannedStory[];
  rejected: StoryError[];
}

/** A story file to scan: its key, and for an import the key it is read from (`StoryStore.importOf`). */
export interface ScanFile {
  key: string;
  from?: string;
}

/**
 * Reads and parses every story file, `concurrency` at a time, keeping only their facts. A file that
 * does not parse is a rejection; a read failure is not a bad story, so it stops the rebuild rather
 * than drop the story everywhere.
 *
 * So is a file whose new version names another uri or version than the one it last published, when
 * the render would refuse that version's media: deduplication then keys it on the version it keeps
 * publishing (`kept-stories.ts`), as the CLI build keys a refused file on its kept record
 * (`publishedRecord`). Keyed on the refused version, it would take the uri of another story, whose
 * file it supersedes, or leave its own uri to a file it supersedes. Its record is read beside it;
 * its photos are looked up only when it names another uri or version, which the files a publish
 * already took never do.
 */
export async function scanStories(ctx: PublishContext, files: ScanFile[], concurrency: number): Promise<{ scanned: ScannedStory[]; rejected: StoryError[] }> {
  const scanned: ScannedStory[] = [];
  const rejected: StoryError[] = [];
  const media: KnownMedia = new Map();
  await forEachInOrder(
    files,
    concurrency,
    async ({ key, from }) => {
      try {
        const hash = sourceHash(key);
        const [object, record] = await Promise.all([ctx.content.readStory(key, from), ctx.state.readJson<StoryRecord>(ctx.state.keys.record(hash))]);
        if (!object) return undefined;
        const story = readStory(ctx, key, object.body);
        if (replacesPublished(record?.value, key, story)) await planScanned(ctx, story, { key, hash, etag: object.etag }, media);
        return { key, ...(from !== undefined && { from }), etag: object.etag, story };
      } catch (error) {
        if (error instanceof StoryError) return error;
        throw error;
      }
    },
    (result, index) => {
      if (result instanceof StoryError) rejected.push(result);
      else if (result) scanned.push({ ...scannedStory(result.story, result.key, result.etag, index), ...(result.from !== undefined && { from: result.from }) });
    },
  );
  return { scanned, rejected };
}

/** Parses a story file as the rebuild does, on the scan and again when the story is published. */
export function readStory(ctx: PublishContext, key: string, body: Uint8Array): Story {
  return parseStory(body, { source: ctx.content.prefix + key, baseUrl: ctx.config.baseUrl });
}

/** Whether `story` is a new version of a file whose published version carries another uri or version. */
function replacesPublished(record: StoryRecord | undefined, key: string, story: Story): boolean {
  return record?.status === 'published' && record.key === key && (record.id !== story.id || record.version !== story.version);
}

/**
 * Plans a story of a rebuild from empty state, its photos looked up (each once per `media`): the
 * render's plan, and the scan's check of a replacing version. Throws StoryError when its media is refused.
 */
export async function planScanned(ctx: PublishContext, story: Story, file: { key: string; hash: string; etag: string }, media: KnownMedia): Promise<{ plan: StoryPlan; loaded: LoadedMedia }> {
  const loaded = await ctx.content.loadMedia(isReleased(story, ctx.now) ? [story] : [], media);
  return { plan: planStory({ ...file, story, previous: undefined, catalog: loaded.catalog, site: ctx.config, now: ctx.now }), loaded };
}

function scannedStory(story: Story, key: string, etag: string, index: number): ScannedStory {
  return {
    key,
    etag,
    index,
    id: story.id,
    version: story.version,
    source: story.source,
    status: story.status,
    published: story.published,
    updated: story.updated,
    ...(story.embargoedUntil && { embargoedUntil: story.embargoedUntil }),
    sections: story.categories.map(({ slug, name }) => ({ slug, name })),
  };
}
