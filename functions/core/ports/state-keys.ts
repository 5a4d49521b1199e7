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
  /** Prefix of every record: followed by the source hash's hex digits, so it lists in slices by them. */
  readonly records: string;
  /** The source hash of a record's key; undefined for any other key. */
  sourceOfRecord(key: string): string | undefined;
  /** A story file's rendered item (fragments), read when a feed window is refilled, by source hash. */
  item(source: string): string;
  /** Prefix of every item: followed by the source hash's hex digits, so it lists in slices by them. */
  readonly items: string;
  /** The source hash of an item's key; undefined for any other key. */
  sourceOfItem(key: string): string | undefined;
  /** The claim of a uri (which of the files naming it is published), by `claimHash` of the uri. */
  claim(claim: string): string;
  /** Prefix of every claim: followed by the claim hash's hex digits, so it lists in slices by them. */
  readonly claims: string;
  /** The `claimHash` of a claim's key; undefined for any other key. */
  hashOfClaim(key: string): string | undefined;

  /** The cached head of one feed set: its newest items with their fragments. */
  window(folder: FeedFolder): string;
  /** Prefix of every feed set's window: a few objects, listed by the rebuild's finish. */
  readonly windows: string;
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
  partnerShortlist(partner: { name: string }): string;
  /** Prefix of every partner shortlist: a few objects, listed by the rebuild's finish. */
  readonly partnerShortlists: string;

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
   * The prefix of the markers of `key`'s feed published in the same span of about 115 days as it:
   * one slice of the rebuild's stale sweep (use-cases/rebuild/stale-sweep.ts); undefined for a key that is no marker.
   */
  orderSweepSlice(key: string): string | undefined;

  /**
   * Prefix of a published photo's user markers: one small object per photo set using the photo
   * (`photoSetHash`), naming where its bytes came from; the photo is deleted when none is left.
   */
  photoUsers(target: string): string;
  /** The marker saying that the photo set `set` (its stories) shows the photo at `target`. */
  photoUser(target: string, set: string): string;
  /** The photo set a photo user marker names. */
  setOfPhotoUser(key: string): string;
  /** Prefix of the user markers of every copied photo (`media/<hex version>/…`): followed by the version's hex digits. */
  readonly mediaUsers: string;
  /** Prefix of every photo set's members: followed by the set's hex digits. */
  readonly photoSets: string;
  /** Prefix of one photo set's members: a set is in use (its photo user markers stay) while one is left. */
  photoSetMembers(set: string): string;
  /** The marker saying that the story of source hash `user` shows exactly the photos of `set`; it lists them. */
  photoSetMember(set: string, user: string): string;
  /** The source hash a photo set member names. */
  userOfSetMember(key: string): string;

  /** Prefix of the scratch objects of every rebuild state machine run; never stale to a rebuild. */
  readonly rebuildRuns: string;
  /** The scratch objects of one rebuild run (`run`: the Step Functions execution name). */
  rebuildRun(run: string): RebuildRunKeys;
}

/** The scratch objects of one rebuild run, by the step that stores each (docs/decisions/005). */
export interface RebuildRunKeys {
  /** Folder of all of them: listed to remove the run. */
  readonly folder: string;
  /** Folder of the scan's parts, one per listing partition (`scanPart`). */
  readonly scanParts: string;
  /** A scan child's part, by a name the child gives it. */
  scanPart(name: string): string;
  /** The order step's summary of the run. */
  readonly order: string;
  /** The `n`th object of one series the order step writes (each partition's stories, the claims, the listing). */
  orderSeries(series: string, n: number): string;
  /** The `n`th chunk of the ETags of a partition's listed keys. */
  etags(partition: number, n: number): string;
  /** What a render child stored of its partition. */
  rendered(partition: number): string;
  /** What a render child stored of its partition for the finish's heads (`PartitionHeads`). */
  heads(partition: number): string;
  /** A partition's item sizes, for the cut. */
  sizes(partition: number): string;
  /** Folder of the files each render child refused (only partitions with refusals have one). */
  readonly refusedParts: string;
  /** The files a render child refused in its partition, for the cut's and the finish's kept-version lookups. */
  refused(partition: number): string;
  /** The cut step's result. */
  readonly cut: string;
  /** The page ranges of one batch of the archive-page map. */
  cutPages(batch: number): string;
  /** What one batch of the archive-page map wrote. */
  pagesWritten(batch: number): string;
  /** Where the cut placed each story of a partition, for its records child. */
  cutPlaces(partition: number): string;
  /** What the records child of a partition wrote. */
  recordsWritten(partition: number): string;
  /** Folder of the keys each step produced, by sweep group (use-cases/rebuild/stale-sweep.ts). */
  readonly producedParts: string;
  /** The keys one step (`producer`: its kind and number) produced in one sweep group; with `producer` '', the group's folder. */
  produced(group: string, producer: string): string;
  /** The sweep group a `produced` key belongs to; undefined for any other key. */
  groupOfProduced(key: string): string | undefined;
  /** The sweep's shards, for its children. */
  readonly sweep: string;
}
