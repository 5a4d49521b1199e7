/**
 * Where the publisher keeps its state in the site bucket, beside the public files: the one place
 * that knows the keys under `_wirefeed/`. Every key here is relative to the site prefix. State lives
 * under one folder so a rebuild can list and prune it, and so the CDN can refuse that path.
 */
import type { FeedFolder } from './layout.js';
import { claimHash } from './uri-claim.js';

/** Folder of all publisher state. */
export const STATE_ROOT = '_wirefeed/';

/** Stories waiting for their embargo (or future date) to pass. */
export const HELD_KEY = `${STATE_ROOT}held.json`;
/** Sections that currently have items, for the index page. */
export const SECTIONS_KEY = `${STATE_ROOT}sections.json`;
/** The news sitemap's entries: the stories of the last two days, small by definition. */
export const SITEMAP_KEY = `${STATE_ROOT}news-sitemap.json`;

/** The per-story control record (what was published from this source, for undoing it). */
export function recordKey(hash: string): string {
  return `${STATE_ROOT}stories/${hash}.json`;
}

/** The per-story rendered item (fragments), read when a feed window is refilled. */
export function itemKey(hash: string): string {
  return `${STATE_ROOT}items/${hash}.json`;
}

/** The cached head of one feed: its newest items with their fragments. */
export function windowKey(folder: FeedFolder): string {
  return `${STATE_ROOT}windows/${folder || 'main'}.json`;
}

/** A closed RFC 5005 archive page of a feed: its items and the MD5 of each file last written. */
export function archivePageKey(folder: FeedFolder, n: number): string {
  return `${STATE_ROOT}archives/${folder || 'main'}/${n}.json`;
}

/** The cached head of one partner feed (its candidates and kills). */
export function partnerWindowKey(partner: { name: string }): string {
  return `${STATE_ROOT}partners/${partner.name}.json`;
}

/** Folder of every `carriedKey` marker. */
export const CARRIED_ROOT = `${STATE_ROOT}carried/`;

/**
 * Marker that a partner's feed carried a story (by uri): a kill is sent only for such a story, since
 * a kill for an item the partner never had would announce a story that was never public there.
 * Markers outlive the feed window (a story carried last month and canceled today still needs its
 * kill), and a rebuild keeps those of stories still in the content (`nextCarried`): what a partner
 * was sent cannot be derived from the content.
 */
export function carriedKey(partner: { name: string }, id: string): string {
  return `${CARRIED_ROOT}${partner.name}/${claimHash(id)}`;
}

/** The `claimHash` of the uri a `carriedKey` marker names. */
export function claimOfCarriedKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Where the claim of a uri (by `claimHash`) is kept: which of the files naming it is published. */
export function claimKey(hash: string): string {
  return `${STATE_ROOT}claims/${hash}.json`;
}

/** Prefix of a feed's order markers; S3 lists them newest first. */
export function orderPrefix(folder: FeedFolder): string {
  return `${STATE_ROOT}order/${folder || 'main'}/`;
}

/** Largest time a Date holds (ECMAScript §21.4.1.1); markers count down from it. */
const LAST_MS = 8_640_000_000_000_000;

/**
 * An empty marker object whose key sorts newest-first under S3's lexicographic listing:
 * `<LAST_MS − published ms, 16 digits>-<source hash>`. Listing a feed's prefix therefore reads the
 * feed in order, a page at a time, however large the archive. Dates before 1970 are clamped
 * (they would need more digits than a double holds exactly).
 */
export function orderKey(folder: FeedFolder, publishedIso: string, hash: string): string {
  const ms = Math.max(0, Date.parse(publishedIso));
  return `${orderPrefix(folder)}${String(LAST_MS - ms).padStart(16, '0')}-${hash}`;
}

/** The source hash an order marker points at. */
export function hashOfOrderKey(key: string): string {
  return key.slice(key.lastIndexOf('-') + 1);
}

/**
 * Prefix of a published photo's user markers: one small object per story using the photo, naming
 * where its bytes came from; the photo is deleted when none is left. One object per user keeps a
 * publish's cost flat however many stories share the photo (a logo used by every story).
 */
export function photoUsersPrefix(target: string): string {
  return `${STATE_ROOT}photo-users/${target}/`;
}

/** The marker saying that the story of source hash `user` shows the photo at `target`. */
export function photoUserKey(target: string, user: string): string {
  return photoUsersPrefix(target) + user;
}
