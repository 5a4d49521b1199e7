/**
 * Where the publisher keeps its state in the site bucket, beside the public files: the one place
 * that knows the keys under `_wirefeed/` (the `StateKeys` of core/ports/state-keys.ts). Every key is
 * relative to the site prefix. State lives under one folder so a rebuild can list and prune it, and
 * so the CDN can refuse that path.
 */
import type { FeedFolder } from '../core/incremental/layout.js';
import type { RebuildRunKeys, StateKeys } from '../core/ports/state-keys.js';

/** Folder of all publisher state. */
const STATE_ROOT = '_wirefeed/';

/** Largest time a Date holds (ECMAScript §21.4.1.1); order markers count down from it. */
const LAST_MS = 8_640_000_000_000_000;

const ORDER_ROOT = `${STATE_ROOT}order/`;

/** Leading digits of an order marker's time that name its sweep slice (`orderSweepSlice`). */
const ORDER_SLICE_DIGITS = 6;

const feedName = (folder: FeedFolder) => folder || 'main';
const lastName = (key: string) => key.slice(key.lastIndexOf('/') + 1);
/** The name of a `<folder><name>.json` key; undefined for a key outside `folder`. */
const jsonNameIn = (folder: string) => (key: string) => (key.startsWith(folder) && key.endsWith('.json') ? key.slice(folder.length, -'.json'.length) : undefined);
/** A numbered scratch object's name: zero-padded, so a listing returns them in order. */
const numbered = (n: number) => `${String(n).padStart(6, '0')}.json`;

/** One rebuild run's scratch objects, under its own folder (the bucket expires them after 7 days: infra/storage.ts). */
function rebuildRunKeys(folder: string): RebuildRunKeys {
  return {
    folder,
    scanParts: `${folder}scan/`,
    scanPart: (name) => `${folder}scan/${name}.json`,
    order: `${folder}order/order.json`,
    orderSeries: (series, n) => `${folder}order/${series}/${numbered(n)}`,
    etags: (partition, n) => `${folder}etags/${String(partition).padStart(6, '0')}/${numbered(n)}`,
    rendered: (partition) => `${folder}render/${numbered(partition)}`,
    heads: (partition) => `${folder}heads/${numbered(partition)}`,
    sizes: (partition) => `${folder}sizes/${numbered(partition)}`,
    refusedParts: `${folder}refused/`,
    refused: (partition) => `${folder}refused/${numbered(partition)}`,
    cut: `${folder}cut/cut.json`,
    cutPages: (batch) => `${folder}cut/pages/${numbered(batch)}`,
    pagesWritten: (batch) => `${folder}cut/written/${numbered(batch)}`,
    cutPlaces: (partition) => `${folder}cut/places/${numbered(partition)}`,
    recordsWritten: (partition) => `${folder}records/${numbered(partition)}`,
    producedParts: `${folder}produced/`,
    // A group names a key prefix (slashes and all): one path segment, URI-encoded.
    produced: (group, producer) => `${folder}produced/${encodeURIComponent(group)}/${producer}`,
    groupOfProduced: (key) => {
      const rest = key.startsWith(`${folder}produced/`) ? key.slice(`${folder}produced/`.length) : '';
      return rest.includes('/') ? decodeURIComponent(rest.slice(0, rest.indexOf('/'))) : undefined;
    },
    sweep: `${folder}sweep.json`,
  };
}

export const S3_STATE_KEYS: StateKeys = {
  root: STATE_ROOT,
  held: `${STATE_ROOT}held.json`,
  sections: `${STATE_ROOT}sections.json`,
  sitemap: `${STATE_ROOT}news-sitemap.json`,

  record: (source) => `${STATE_ROOT}stories/${source}.json`,
  records: `${STATE_ROOT}stories/`,
  sourceOfRecord: jsonNameIn(`${STATE_ROOT}stories/`),
  item: (source) => `${STATE_ROOT}items/${source}.json`,
  items: `${STATE_ROOT}items/`,
  sourceOfItem: jsonNameIn(`${STATE_ROOT}items/`),
  claim: (claim) => `${STATE_ROOT}claims/${claim}.json`,
  claims: `${STATE_ROOT}claims/`,
  hashOfClaim: jsonNameIn(`${STATE_ROOT}claims/`),

  window: (folder) => `${STATE_ROOT}windows/${feedName(folder)}.json`,
  windows: `${STATE_ROOT}windows/`,
  archivePage: (folder, n) => `${STATE_ROOT}archives/${feedName(folder)}/${n}.json`,
  archivePages: (folder) => `${STATE_ROOT}archives/${feedName(folder)}/`,
  archiveInputs: (folder, n) => `${STATE_ROOT}archive-inputs/${feedName(folder)}/${n}`,
  archiveInputsOf: (folder) => `${STATE_ROOT}archive-inputs/${feedName(folder)}/`,
  partnerShortlist: (partner) => `${STATE_ROOT}partners/${partner.name}.json`,
  partnerShortlists: `${STATE_ROOT}partners/`,

  carriedMarkers: `${STATE_ROOT}carried/`,
  carried: (partner, claim) => `${STATE_ROOT}carried/${partner.name}/${claim}`,
  claimOfCarried: lastName,

  orderMarkers: (folder) => `${ORDER_ROOT}${feedName(folder)}/`,
  /**
   * An empty object whose key sorts newest-first under S3's lexicographic listing:
   * `<LAST_MS − published ms, 16 digits>-<source hash>`. Listing a feed's prefix therefore reads the
   * feed in order, a page at a time, however large the archive. Dates before 1970 are clamped
   * (they would need more digits than a double holds exactly).
   */
  order: (folder, publishedIso, source) => `${S3_STATE_KEYS.orderMarkers(folder)}${String(LAST_MS - Math.max(0, Date.parse(publishedIso))).padStart(16, '0')}-${source}`,
  sourceOfOrder: (key) => key.slice(key.lastIndexOf('-') + 1),
  orderRank: lastName,
  orderRange: (folder, fromIso, toIso) => {
    const time = (iso: string) => S3_STATE_KEYS.order(folder, iso, '').slice(0, -1);
    // A marker's key counts down from a fixed number in a fixed width of digits, so a time range is
    // one range of keys, the newest first; `<digits>-<hash>` sorts after `<digits>` and before `<digits>.`.
    return { prefix: S3_STATE_KEYS.orderMarkers(folder), after: time(toIso), through: `${time(fromIso)}.` };
  },
  feedOfOrder: (key) => {
    const end = key.lastIndexOf('/');
    if (!key.startsWith(ORDER_ROOT) || end <= ORDER_ROOT.length) return undefined;
    const name = key.slice(ORDER_ROOT.length, end);
    return name === 'main' ? '' : name;
  },
  // The marker's first 6 digits of 16: its time to 10^10 ms (~115 days), a few thousand markers of a busy feed.
  orderSweepSlice: (key) => (S3_STATE_KEYS.feedOfOrder(key) === undefined ? undefined : key.slice(0, key.lastIndexOf('/') + 1 + ORDER_SLICE_DIGITS)),

  // A story joins its photo set (one member marker), and a set marks each of its photos once: a
  // story with many photos shared by many stories costs one object, and a photo's listing holds one
  // key per set, not per story (a logo used by every story).
  photoUsers: (target) => `${STATE_ROOT}photo-users/${target}/`,
  photoUser: (target, set) => `${STATE_ROOT}photo-users/${target}/${set}`,
  setOfPhotoUser: lastName,
  mediaUsers: `${STATE_ROOT}photo-users/media/`,
  photoSets: `${STATE_ROOT}photo-sets/`,
  photoSetMembers: (set) => `${STATE_ROOT}photo-sets/${set}/`,
  photoSetMember: (set, user) => `${STATE_ROOT}photo-sets/${set}/${user}`,
  userOfSetMember: lastName,

  rebuildRuns: `${STATE_ROOT}rebuild/`,
  rebuildRun: (run) => rebuildRunKeys(`${STATE_ROOT}rebuild/${run}/`),
};
