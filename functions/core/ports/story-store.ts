import type { MediaCatalog, MediaFile } from '../media/plan-media.js';
import type { Story } from '../story.js';

/** One version of a content photo, as the site store copies it: the copy is refused once the photo has another ETag. */
export interface PhotoSource {
  key: string;
  etag: string;
}

/** Photos a story refers to in the content: what the core's media plan needs, and which versions to copy. */
export interface LoadedMedia {
  catalog: MediaCatalog;
  /**
   * The version of a photo the catalog describes, to copy exactly that one: the copy is refused
   * once the photo was replaced (its path is of the version planned; another would be wrong there).
   */
  sourceOf(path: string): PhotoSource;
}

/** A photo's facts, with the ETag of the version they are of. */
export interface PhotoVersion {
  file: MediaFile;
  etag: string;
}

/**
 * Photos already looked up, by content path (undefined when missing). A rebuild shares one across
 * its stories so a photo many stories show is asked for once.
 */
export type KnownMedia = Map<string, Promise<PhotoVersion | undefined>>;

/** Where the Lambda's use cases read stories and photos (adapters/s3-content.ts: the content bucket). */
export interface StoryStore {
  /** The prefix of the content's keys: a story is named `prefix + key` in messages and rejections. */
  readonly prefix: string;
  /** The key relative to the prefix of a bucket key that names a story file (`stories/*.json`); undefined for anything else (photos, site.json, other prefixes). */
  storyKeyOf(bucketKey: string): string | undefined;
  /** Every story file (`stories/*.json`): its key relative to the prefix and its ETag (what a distributed rebuild compares its scan with), sorted by key. */
  listStoryFiles(): Promise<Array<{ key: string; etag: string }>>;
  /**
   * A story file's bytes and ETag, bounded by the story size limit (a StoryError naming `key` past
   * it); undefined when absent. With `from`, read from that import key instead (see `listImports`).
   */
  readStory(key: string, from?: string): Promise<{ body: Uint8Array; etag: string } | undefined>;
  /**
   * The story file an import key (`import/<name>.json`, which raises no notification) will become:
   * `key` is `stories/<name>.json`, `from` the import key, both relative to the prefix; undefined
   * for anything else.
   */
  importOf(bucketKey: string): { key: string; from: string } | undefined;
  /** Every import file, as `importOf` names it, with its ETag, sorted by key. */
  listImports(): Promise<Array<{ key: string; from: string; etag: string }>>;
  /**
   * Moves an import file to the story file it becomes: a copy inside S3 of that version only, then
   * the import's deletion. Answers the story file's new ETag; undefined when the import file is gone
   * or no longer has `etag` (it stays where it is).
   */
  moveImport(file: { key: string; from: string; etag: string }): Promise<string | undefined>;
  /** Looks up the photos the stories refer to; with `known`, photos in it are not asked for again. */
  loadMedia(stories: Story[], known?: KnownMedia): Promise<LoadedMedia>;
}
