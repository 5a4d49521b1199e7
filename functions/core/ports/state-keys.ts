import type { FeedFolder } from '../incremental/layout.js';

/** A range of keys under `prefix`: those after `after`, up to `through` (inclusive). */
export interface KeyRange {
  prefix: string;
  after: string;
  through: string;
}

/**
 * The names of the publisher's state objects and markers, as the state store keys them: the use
 * cases ask for an object by what it is (a story's record, a feed's window, a partner's carried
 * marker), and the store's adapter owns where it lives (adapters/s3-state-layout.ts). A key is
 * opaque to its users: they hand it back to the store, compare it with a listed key, or read a name
 * back out of it here, and never build or cut one themselves.
 */
export interface StateKeys {
  /** Prefix of all publisher state: what a rebuild takes stock of and prunes; the CDN refuses it. */
  readonly root: string;
  /** Stories waiting for their embargo (or future date) to pass. */
  readonly held: string;
  /** Sections that currently have items, for the index page. */
  readonly sections: string;
  /** The news sitemap's entries: the stories of the last two days. */
  readonly sitemap: string;

  /** A story file's control record (what was published from it, for undoing it), by source hash. */
  record(source: string): string;
  /** A story file's rendered item (fragments), read when a feed window is refilled, by source hash. */
  item(source: string): string;
  /** Prefix of every item: followed by the source hash's hex digits, so it lists in slices by them. */
  readonly items: string;
  /** The source hash of an item's key; undefined for any other key. */
  sourceOfItem(key: string): string | undefined;
  /** The claim of a uri (which of the files naming it is published), by `claimHash` of the uri. */
  claim(claim: string): string;

  /** The cached head of one feed set: its newest items with their fragments. */
  window(folder: FeedFolder): string;
  /** A closed RFC 5005 archive page of a feed set: its items and the MD5 of each file last written. */
  archivePage(folder: FeedFolder, n: number): string;
  /** Prefix of every closed archive page's state of one feed set. */
  archivePages(folder: FeedFolder): string;
  /**
   * What the rebuild state machine last rendered an archive page from (use-cases/rebuild/page-inputs.ts):
   * a digest of its inputs and its state's ETag, so a rerun skips a page whose inputs and state are as they were.
   */
  archiveInputs(folder: FeedFolder, n: number): string;
  /** Prefix of every `archiveInputs` of one feed set. */
  archiveInputsOf(folder: FeedFolder): string;
  /** The cached head of one partner feed (its candidates and kills). */
  partnerWindow(partner: { name: string }): string;

  /** Prefix of every carried marker. */
  readonly carriedMarkers: string;
  /**
   * Marker that a partner's feed carried a story, by `claimHash` of its uri: a kill is sent only for
   * such a story. Markers outlive the feed window and follow `nextCarried` (core/partners/carried-history.ts).
   */
  carried(partner: { name: string }, claim: string): string;
  /** The `claimHash` a carried marker names. */
  claimOfCarried(key: string): string;

  /** Prefix of a feed set's order markers: the store lists them newest first. */
  orderMarkers(folder: FeedFolder): string;
  /** The empty marker placing a story (by source hash) in a feed set's order, by its published time. */
  order(folder: FeedFolder, publishedIso: string, source: string): string;
  /** The source hash an order marker (or its `orderRank`) places. */
  sourceOfOrder(key: string): string;
  /** A marker's place in newest-first order, comparable across feeds: ranks sort as the store lists one feed. */
  orderRank(key: string): string;
  /**
   * The keys of the order markers of `folder` published from `fromIso` to `toIso` (inclusive, at
   * millisecond precision), whatever their source hash: one range of keys, listed newest first.
   */
  orderRange(folder: FeedFolder, fromIso: string, toIso: string): KeyRange;
  /** The feed an order marker's key places its story in; undefined for any other key. */
  feedOfOrder(key: string): FeedFolder | undefined;

  /**
   * Prefix of a published photo's user markers: one small object per story using the photo, naming
   * where its bytes came from; the photo is deleted when none is left.
   */
  photoUsers(target: string): string;
  /** The marker saying that the story of source hash `user` shows the photo at `target`. */
  photoUser(target: string, user: string): string;
  /** The source hash a photo user marker names. */
  userOfPhoto(key: string): string;
  /** Prefix of the user markers of every copied photo (`media/<hex version>/…`): followed by the version's hex digits. */
  readonly mediaUsers: string;

  /** Prefix of the scratch objects of every rebuild state machine run; never stale to a rebuild. */
  readonly rebuildRuns: string;
  /** Folder of one rebuild run's scratch objects; the run names the objects under it. */
  rebuildRun(run: string): string;
}
