import type { MediaCatalog } from '../media/plan-media.js';

/** A story file found in a content source. */
export interface StoryFile {
  /** Path as the user should see it in messages (relative to the working directory when possible, escaped by `escapeFileName`). */
  display: string;
  path: string;
}

/** Size and mtime of a content-relative media path ([-1, -1] when missing): how a cache notices a replaced photo. */
export type MediaFingerprint = (path: string) => [size: number, mtimeMs: number];

/** Where the CLI's use cases read a site's content from: site.json, story files and media (adapters/fs-content.ts). */
export interface ContentSource {
  /** Stops a command whose content is missing, naming it. */
  check(): void;
  /** site.json's parsed text and how to name it, or undefined when there is none. */
  siteJson(): { json: unknown; file: string } | undefined;
  /** Every story file, in the one order every build reads them. */
  listStories(): StoryFile[];
  /** A story file's bytes, bounded by the story size limit; throws a StoryError naming it. */
  readStory(file: StoryFile): Uint8Array;
  /** A story file's size and mtime as now, or undefined when it is gone. */
  statStory(file: StoryFile): { size: number; mtimeMs: number } | undefined;
  /** A catalog of the media, each file read once when first asked for. */
  mediaCatalog(): MediaCatalog;
  /** Size and mtime of media files, each looked up once. */
  mediaFingerprint(): MediaFingerprint;
}
