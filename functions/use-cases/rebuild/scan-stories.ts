import type { DedupeFacts } from '../../core/dedupe-stories.js';
import { parseStoryCompact as parseStory } from '../../core/ninjs/parse-story-compact.js';
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
 */
export async function scanStories(ctx: PublishContext, files: ScanFile[], concurrency: number): Promise<{ scanned: ScannedStory[]; rejected: StoryError[] }> {
  const scanned: ScannedStory[] = [];
  const rejected: StoryError[] = [];
  await forEachInOrder(
    files,
    concurrency,
    async ({ key, from }) => {
      try {
        const object = await ctx.content.readStory(key, from);
        return object && { key, ...(from !== undefined && { from }), etag: object.etag, story: readStory(ctx, key, object.body) };
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
