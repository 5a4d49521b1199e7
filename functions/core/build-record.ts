import type { Story } from './story.js';
import { StoryError, type StoryProblem } from './story-error.js';
import type { MediaCopy } from './media/published-photo.js';
import type { FeedItem } from './feed-item.js';
import type { ItemFacts } from './rendered-item.js';
import type { FormatId } from './formats/registry.js';
import type { FragmentLocation } from './fragment-token.js';

/**
 * What one story file turned into, small enough to keep for every story of a 100k archive: the facts
 * the build orders, dedupes and releases by, and where its rendered fragments and page are stored.
 * Plain JSON (dates as epoch ms), so it crosses from a worker and lives in the cache manifest.
 */
export type BuildRecord = RejectedRecord | ParsedRecord;

/** A file that could not be read or parsed. */
export interface RejectedRecord {
  source: string;
  problems: StoryProblem[];
  /**
   * The last version of this file that was published, which stays published: a rejected version
   * never withdraws a story (only deleting the file, `canceled` or `withheld` do). Kept by file path,
   * since a file that does not parse names no uri. Its packs stay live while it is kept.
   */
  kept?: ParsedRecord;
}

/** A parsed story; `problems` when its media cannot be published, else its rendered parts. */
export interface ParsedRecord {
  source: string;
  id: string;
  version: string;
  status: Story['status'];
  published: number;
  updated: number;
  embargoedUntil?: number;
  /** A usable version whose media cannot be published: the last version that was, which stays published (see RejectedRecord). */
  kept?: ParsedRecord;
  /** Story language, or absent; with the fields above, all a news sitemap reads. */
  language?: string;
  /** Its sections, so the build names every section before its first output (`section-names.ts`). */
  sections?: Array<{ slug: string; name: string }>;
  mediaProblems?: StoryProblem[];
  /**
   * Where the story's RenderedParts are, as JSON in its pack; absent when its media cannot be
   * published. Read back when the story's outputs are emitted, so the main thread of a 100k build
   * keeps ~0.5 KB per story, not the ~3 KB the parts take as objects.
   */
  detail?: FragmentLocation;
  /** A story not `usable`: its feed item without photos, for outputs that announce take-downs. */
  killItem?: FragmentLocation;
  /** The pack holding its fragments, page and take-down item (its parts are in `detail[0]`). */
  pack?: number;
}

/** A RenderedItem whose fragments are in the pack (under each format's id), plus the story page and the media to copy. */
export type RenderedParts = PartsBesideFragments & Record<FormatId, FragmentLocation>;

/** What RenderedParts hold besides the fragments. */
export interface PartsBesideFragments {
  item: ItemFacts;
  pagePath: string;
  page: FragmentLocation;
  /**
   * The FeedItem as JSON (see `reviveItem`), for outputs that render their own variant. Kept only
   * when the site has partner feeds, the outputs that read every item: it is a third of a pack's
   * bytes. Without it, `rebuildItem` renders the item again from its file.
   */
  feedItem?: FragmentLocation;
  copies: MediaCopy[];
}

/** A record with the media files it read, so a cached record is redone when one of them changes. */
export interface ProcessedFile {
  record: BuildRecord;
  media: Array<[path: string, size: number, mtimeMs: number]>;
}

/** True when the record is a parsed story (not a rejected file). */
function isParsedRecord(record: BuildRecord): record is ParsedRecord {
  return 'id' in record;
}

/** The story a file publishes: its own record, or the last good version a rejected one keeps. */
export function publishedRecord(record: BuildRecord): ParsedRecord | undefined {
  return record.kept ?? (isParsedRecord(record) ? record : undefined);
}

/**
 * A newly processed record, given what the cache had for the same file: a version that is rejected
 * (it does not parse, or it is usable but its media cannot be published) keeps the last version that
 * was published (rendered, its media found), if the cache knows one. A `canceled` or `withheld`
 * version is never rejected into keeping the story up: it withdraws it.
 */
export function keepLastGood(record: BuildRecord, previous: BuildRecord | undefined): BuildRecord {
  const rejected = !isParsedRecord(record) || (record.status === 'usable' && !record.detail);
  if (!rejected || !previous) return record;
  const lastGood = publishedRecord(previous);
  return lastGood?.detail ? { ...record, kept: lastGood } : record;
}

/** Why a record that keeps its last good version was rejected. */
function keptRejection(record: BuildRecord): StoryError | undefined {
  if (!record.kept) return undefined;
  return isParsedRecord(record) ? mediaRejection(record) : rejectionOf(record);
}

/** A story file whose new version was rejected while its last good version stays published. */
export interface KeptVersion {
  file: string;
  version: string;
  rejection: StoryError;
}

/**
 * What a build reports of its records before any story is released: every file whose new version
 * does not parse, every usable version whose media failed while its last good version stays up, and,
 * in file order, the files that keep their last good version.
 */
export function rejectionsOf(records: readonly BuildRecord[]): { rejected: StoryError[]; kept: KeptVersion[] } {
  const rejected = records.filter((record) => !isParsedRecord(record)).map((record) => rejectionOf(record as RejectedRecord));
  const kept: KeptVersion[] = [];
  for (const record of records) {
    const rejection = keptRejection(record);
    if (!rejection) continue;
    kept.push({ file: record.source, version: record.kept!.version, rejection });
    // A usable version whose media failed is rejected as well, though its last good version is published.
    if (isParsedRecord(record)) rejected.push(rejection);
  }
  return { rejected, kept };
}

/** A FeedItem back from its JSON: the story's dates become Dates again. */
export function reviveItem(json: string): FeedItem {
  const item = JSON.parse(json) as FeedItem;
  const story = item.story as unknown as Record<string, unknown>;
  for (const key of ['published', 'updated', 'embargoedUntil']) if (typeof story[key] === 'string') story[key] = new Date(story[key] as string);
  return item;
}

/** The StoryError a rejected record stands for. */
function rejectionOf(record: RejectedRecord): StoryError {
  return new StoryError(record.source, record.problems);
}

/** A released story whose photos could not be published: its record keeps why, and outputs never see it. */
export function mediaRejection(record: ParsedRecord): StoryError {
  return new StoryError(record.source, record.mediaProblems ?? []);
}
