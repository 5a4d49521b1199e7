import type { Story } from '../../core/story.js';
import type { ContentSource, StoryFile } from '../../core/ports/content-source.js';
import type { CachedStory, CacheManifest, PackReader } from '../../core/ports/build-cache.js';
import type { StoryTask } from '../../core/ports/build-threads.js';
import type { BuildRecord, RenderedParts, ParsedRecord } from '../../core/build-record.js';

/**
 * The stories of a streaming build as its main thread keeps them: the records the cache vouches
 * for, the few Story fields that order and release them, and their rendered parts read back from
 * the packs when the outputs take them.
 */

/** A story as the build orders, dedupes and releases it: those Story fields, its record and its file. */
export type Keyed = Story & { record: ParsedRecord; file: StoryFile };

/** Takes every record the cache still vouches for; the rest become tasks. */
export function reuseCached(files: StoryFile[], manifest: CacheManifest<BuildRecord>, content: ContentSource) {
  const fingerprint = content.mediaFingerprint();
  const records: BuildRecord[] = new Array(files.length);
  const stories: Record<string, CachedStory<BuildRecord>> = {};
  const todo: StoryTask[] = [];
  files.forEach((file, index) => {
    const cached = manifest.stories[file.path];
    const stats = cached && content.statStory(file);
    const fresh =
      cached && stats && cached.size === stats.size && cached.mtimeMs === stats.mtimeMs &&
      cached.media.every(([path, size, mtimeMs]) => {
        const [nowSize, nowMtime] = fingerprint(path);
        return nowSize === size && nowMtime === mtimeMs;
      });
    if (fresh) {
      records[index] = cached.record;
      stories[file.path] = cached;
    } else {
      todo.push({ index, file });
    }
  });
  return { records, stories, todo };
}

/** Parts read at once: their JSON is ~2–3 KB a story. */
const PARTS_AT_ONCE = 512;

/** The stories in order, each with its parts (undefined when its media could not be published), read a batch at a time. */
export function* withParts<T extends Pick<Keyed, 'record'>>(stories: T[], reader: PackReader): Generator<[T, RenderedParts | undefined]> {
  for (let start = 0; start < stories.length; start += PARTS_AT_ONCE) {
    const batch = stories.slice(start, start + PARTS_AT_ONCE);
    const texts = reader.readMany(batch.flatMap((story) => (story.record.detail ? [story.record.detail] : [])));
    let next = 0;
    for (const story of batch) yield [story, story.record.detail ? (JSON.parse(texts[next++]!) as RenderedParts) : undefined];
  }
}

/** The few Story fields dedupe, release and ordering read, rebuilt from a record. */
export function asStory(record: ParsedRecord, file: StoryFile): Keyed {
  return {
    id: record.id,
    version: record.version,
    source: record.source,
    status: record.status,
    published: new Date(record.published),
    updated: new Date(record.updated),
    ...(record.embargoedUntil !== undefined && { embargoedUntil: new Date(record.embargoedUntil) }),
    record,
    file,
  } as Keyed;
}
