import type { SiteConfig } from '../../site.js';
import type { FeedFolder } from '../../incremental/layout.js';
import type { PartnerConfig } from '../../partners/partner-config.js';
import type { PartnerItem } from '../../partners/partner-item.js';
import { partnerFeedFile, type CheckedPartnerItem, type PartnerFeedFile } from '../../partners/partner-feed-file.js';
import type { Rule } from '../../partners/preflight/rule.js';
import { profileOf } from '../../partners/profile-of.js';
import { checkItem, hasErrors } from '../../partners/preflight/run-preflight.js';
import { compareLatestUpdateFirst, compareNewestFirst } from '../../newest-first.js';
import { entryOf, PLAIN_TEXTS, revive, type PartnerEntry, type ShortlistTexts } from './partner-entry.js';

/**
 * The state of one partner feed's planner: the head of its candidate stories and, for a profile that
 * announces kills, its newest kill notices. `entries` is always the newest part of the candidates
 * (newest first, every candidate when not `truncated`), cut once it holds {@link SPARE} × the item
 * limit that pass preflight or {@link DEPTH} × the item limit in all (see {@link PartnerPlanner}).
 */
export interface PartnerShortlist {
  entries: PartnerEntry[];
  kills: PartnerEntry[];
  /** True when older candidates were dropped from `entries`. */
  truncated: boolean;
  /** MD5 of the feed file last written. */
  md5?: string;
  /** Feeds that announce kills: ids of the items in the file last written, whose carried markers exist (`StateKeys.carried`). */
  shown?: string[];
}

/**
 * How far back a partner feed looks, in item limits: it shows the newest `itemLimit` stories that
 * pass preflight among its newest `DEPTH × itemLimit` candidates. Older ones are not news to a
 * partner; the bound keeps the publisher's state and its refill reads in proportion to the item
 * limit, whatever the archive, so the build, the publish and the rebuild can all apply it.
 */
export const DEPTH = 4;
/** Passing candidates a shortlist keeps, in item limits: the spare half saves a refill after a few deletions. */
const SPARE = 2;

/** An empty partner shortlist. */
export function emptyPartnerShortlist(): PartnerShortlist {
  return { entries: [], kills: [], truncated: false };
}

/** One story's effect on a partner shortlist: its current entry and kill, or neither (removed). */
export interface PartnerChange {
  source: string;
  entry?: PartnerEntry;
  kill?: PartnerEntry;
}

/** What a shortlist short of passing candidates must read back: the newest `capacity` order keys of each feed folder it draws on. */
export interface PartnerRefillNeed {
  folders: FeedFolder[];
  capacity: number;
}

/** A partner's file as the planner renders it, and how many stories it lists as left out. */
export interface PlannedPartnerFile extends PartnerFeedFile {
  /** Stories left out by an error rule that the reports name (newer than the oldest kept). */
  listedOut: number;
}

/**
 * The one planner of a partner feed: (shortlist, changed stories) → (shortlist, file). The CLI build runs
 * it over every story from an empty shortlist, the publish over one story from the stored shortlist, the
 * rebuild over every story read back from an empty shortlist; all three render the same file for the
 * same stories at the same `now`: the newest `itemLimit` candidates that pass the profile's
 * preflight at `now`, among the newest `DEPTH × itemLimit` candidates, with the kill notices.
 *
 * Preflight runs at `now` on every entry the planner holds (once each; a stored shortlist is checked
 * again at the next publish's `now`). Item rules either never change their verdict or, like a date's
 * age limit, start failing a story as it ages and never pass it again, so an entry dropped for failing
 * never needs to come back; a refill (`refillNeed`, `refill`) reads back the candidates a shortlist
 * dropped when deletions or ageing leave it fewer passing than the item limit.
 */
export class PartnerPlanner {
  readonly #site: SiteConfig;
  readonly #partner: PartnerConfig;
  readonly #now: Date;
  readonly #texts: ShortlistTexts;
  readonly #rules: readonly Rule[];
  /** The shortlist's entries, newest first, each with its preflight at `now`. */
  #entries: Candidate[];
  #kills: PartnerEntry[];
  #truncated: boolean;
  #passing = 0;
  /** The entries by source and by id, so a change finds what it replaces without a scan. */
  readonly #bySource = new Map<string, Candidate>();
  readonly #byId = new Map<string, Candidate>();
  readonly #rest: Pick<PartnerShortlist, 'md5' | 'shown'>;

  constructor(site: SiteConfig, partner: PartnerConfig, shortlist: PartnerShortlist, now: Date, texts: ShortlistTexts = PLAIN_TEXTS) {
    this.#site = site;
    this.#partner = partner;
    this.#now = now;
    this.#texts = texts;
    this.#rules = profileOf(partner).rules;
    const { entries, kills, truncated, ...rest } = shortlist;
    this.#entries = entries.map((entry) => this.#candidate(entry));
    this.#kills = kills;
    this.#truncated = truncated;
    this.#rest = rest;
    for (const candidate of this.#entries) this.#remember(candidate);
  }

  /** The planner's state, to store. */
  get shortlist(): PartnerShortlist {
    return { entries: this.#entries.map((candidate) => (candidate.entry ??= entryOf(candidate.item, candidate.source))), kills: this.#kills, truncated: this.#truncated, ...this.#rest };
  }

  /** True when the entry passes the profile's error rules at `now`. */
  passes(entry: PartnerEntry): boolean {
    return this.#candidate(entry).passes;
  }

  /**
   * Takes a story as rendered (`renderPartnerItem`), for a driver that has it: the same as `change`
   * with its entry, without making the entry and reading it back. Returns whether it passes.
   */
  add(rendered: PartnerItem, source: string): boolean {
    const candidate = this.#checked(rendered, source);
    this.#apply(source, candidate);
    return candidate.passes;
  }

  /**
   * Replaces everything a source had with its new entry or kill. A candidate older than a truncated
   * shortlist's oldest stays out (older ones were dropped before it); kills keep the newest `itemLimit`
   * take-downs.
   */
  change(change: PartnerChange): void {
    this.#apply(change.source, change.entry && this.#candidate(change.entry));
    const same = (entry: PartnerEntry, other?: PartnerEntry) => entry.source === change.source || (other !== undefined && entry.id === other.id);
    const kills = this.#kills.filter((kill) => !same(kill, change.kill));
    this.#kills = change.kill ? [...kills, change.kill].sort(compareLatestUpdateFirst).slice(0, this.#partner.itemLimit) : kills;
  }

  /**
   * Takes the stored shortlist of another part of the same candidates, planned for the same partner at
   * the same `now` (a rebuild child's part of the archive): its entries and kills apply as changes,
   * each checked once here; this planner's own entries keep their verdicts. Each part keeps the
   * newest candidates of its part, so the newest of all parts are among them. A part that dropped
   * candidates leaves the whole truncated, but while merging no part's tail hides another's entries.
   */
  merge(part: PartnerShortlist): void {
    const truncated = this.#truncated || part.truncated;
    this.#truncated = false;
    for (const entry of part.entries) this.change({ source: entry.source, entry });
    for (const kill of part.kills) this.change({ source: kill.source, kill });
    this.#truncated ||= truncated;
  }

  /**
   * What the shortlist must read back, or undefined: only a truncated shortlist left with fewer passing
   * candidates than the item limit, and short of its depth (one that holds `DEPTH × itemLimit` holds
   * every candidate the feed may show, so reading them back would find nothing more).
   */
  refillNeed(): PartnerRefillNeed | undefined {
    const { sections, itemLimit } = this.#partner;
    if (!this.#truncated || this.#passing >= itemLimit || this.#entries.length >= itemLimit * DEPTH) return undefined;
    return { folders: sections ? sections.map((slug) => `sections/${slug}`) : [''], capacity: itemLimit * DEPTH };
  }

  /**
   * Refills the shortlist from the head of its feeds: `head` holds the sources of their newest stories,
   * newest first; `more` tells that a listing went further. Each source keeps its entry in the shortlist
   * or is rendered again: the generator yields the source and takes its entry (undefined: it cannot
   * be published now, it stays out). It stops once the shortlist holds its spare of passing candidates,
   * so it renders no more than the shortlist keeps.
   */
  *refill(need: PartnerRefillNeed, head: readonly string[], more: boolean): Generator<string, void, PartnerEntry | undefined> {
    const known = new Map(this.#entries.map((candidate) => [candidate.source, candidate]));
    const sources = head.slice(0, need.capacity);
    const entries: Candidate[] = [];
    let passing = 0;
    let read = 0;
    for (const source of sources) {
      if (passing >= this.#partner.itemLimit * SPARE) break;
      read += 1;
      let candidate = known.get(source);
      if (!candidate) {
        const entry: PartnerEntry | undefined = yield source;
        candidate = entry && this.#candidate(entry);
      }
      if (!candidate || entries.some((other) => other.id === candidate.id)) continue;
      entries.push(candidate);
      if (candidate.passes) passing += 1;
    }
    this.#entries = entries.sort((a, b) => compareNewestFirst(a.item, b.item));
    this.#bySource.clear();
    this.#byId.clear();
    this.#passing = 0;
    for (const candidate of this.#entries) this.#remember(candidate);
    this.#truncated = more || head.length > read;
    this.#trim();
  }

  /**
   * The feed at `now`: the newest `itemLimit` entries that pass, the failing ones the partner missed
   * (reported), and the kill notices, made into the file by `partnerFeedFile`. The item XML goes into
   * the feed as it is (tokens stay tokens); preflight reads the checked content through the shortlist's
   * texts.
   */
  render(): PlannedPartnerFile {
    const passing = this.#entries.filter((candidate) => candidate.passes).slice(0, this.#partner.itemLimit);
    // Reported: the failing stories a partner missed, those newer than the oldest kept or, when the feed is short, all it looked at.
    const oldestKept = passing.length < this.#partner.itemLimit ? undefined : passing[passing.length - 1];
    const failing = this.#entries.filter((candidate) => !candidate.passes && (!oldestKept || compareNewestFirst(candidate.item, oldestKept.item) < 0));
    const kills = this.#kills.map((entry) => this.#candidate(entry));
    const file = partnerFeedFile(this.#site, this.#partner, this.#now, { passing, failing, kills }, (xml) => this.#texts.byteLength(xml));
    return { ...file, listedOut: failing.length };
  }

  /** Removes what `source` (or the candidate's id) had, then inserts the candidate in place unless a truncated shortlist is past it. */
  #apply(source: string, candidate: Candidate | undefined): void {
    const tail = this.#entries[this.#entries.length - 1];
    for (const stale of [this.#bySource.get(source), candidate && this.#byId.get(candidate.id)]) {
      const index = stale ? this.#entries.indexOf(stale) : -1;
      if (index < 0) continue;
      this.#entries.splice(index, 1);
      this.#forget(stale!);
    }
    if (candidate && !(this.#truncated && tail && compareNewestFirst(candidate.item, tail.item) > 0)) this.#insert(candidate);
    this.#trim();
  }

  /** A stored entry, read back and preflighted at `now`. */
  #candidate(entry: PartnerEntry): Candidate {
    return { ...this.#checked(revive(entry, this.#texts), entry.source), entry };
  }

  #checked(item: PartnerItem, source: string): Candidate {
    const violations = checkItem(this.#rules, item.checked, { now: this.#now });
    return { source, id: item.id, item, violations, passes: !hasErrors(violations) };
  }

  /** Inserts in place: entries are newest first already (a build adds every story oldest first). */
  #insert(candidate: Candidate): void {
    const newest = this.#entries[0];
    let low = 0;
    // The build's newest story so far goes first: one comparison, not a search.
    let high = newest === undefined || compareNewestFirst(candidate.item, newest.item) < 0 ? 0 : this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareNewestFirst(this.#entries[middle]!.item, candidate.item) < 0) low = middle + 1;
      else high = middle;
    }
    this.#entries.splice(low, 0, candidate);
    this.#remember(candidate);
  }

  #remember(candidate: Candidate): void {
    this.#bySource.set(candidate.source, candidate);
    this.#byId.set(candidate.id, candidate);
    if (candidate.passes) this.#passing += 1;
  }

  #forget(candidate: Candidate): void {
    if (this.#bySource.get(candidate.source) === candidate) this.#bySource.delete(candidate.source);
    if (this.#byId.get(candidate.id) === candidate) this.#byId.delete(candidate.id);
    if (candidate.passes) this.#passing -= 1;
  }

  /**
   * Drops the oldest candidates past the spare of passing ones or past the depth, so the shortlist
   * built from the same candidates is the same whatever order they came in.
   */
  #trim(): void {
    const { itemLimit } = this.#partner;
    const past = () => this.#passing > itemLimit * SPARE || (this.#passing === itemLimit * SPARE && !this.#entries[this.#entries.length - 1]!.passes);
    while (this.#entries.length > itemLimit * DEPTH || past()) {
      this.#forget(this.#entries.pop()!);
      this.#truncated = true;
    }
  }
}

/** An entry the planner holds: the item as preflight reads it, its verdict at `now`, and its stored form once there is one. */
interface Candidate extends CheckedPartnerItem {
  source: string;
  id: string;
  passes: boolean;
  entry?: PartnerEntry;
}
