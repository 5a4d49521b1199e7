import { buildFeedItem, type FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import type { FeedFolder } from './layout.js';
import type { Story } from '../story.js';
import type { PartnerConfig } from '../partners/partner-config.js';
import { renderPartnerItem, type PartnerItem } from '../partners/partner-item.js';
import { partnerFeedFile } from '../partners/partner-feed-file.js';
import type { CheckedItem } from '../partners/preflight/checked-feed.js';
import { profileOf } from '../partners/profile-of.js';
import { checkItem, hasErrors } from '../partners/preflight/run-preflight.js';
import { formatPartnerReport } from '../outputs/partner-outputs.js';
import { compareLatestUpdateFirst, compareNewestFirst } from '../newest-first.js';

/** A partner item as stored in state: JSON-safe (dates as ISO strings), with the source it came from. */
export interface PartnerEntry {
  source: string;
  id: string;
  published: string;
  updated: string;
  xml: string;
  checked: Omit<CheckedItem, 'published' | 'modified' | 'validEnd'> & { published?: string; modified?: string; validEnd?: string };
  /** The story file, for preflight reports. */
  file: string;
}

/**
 * The cached head of one partner feed: its newest candidate stories (newest first, up to twice the
 * partner's item limit, so preflight exclusions and deletions seldom leave it short) and, for a
 * profile that announces kills, its newest kill notices. Preflight runs when the feed is rendered, with that moment's clock, as the CLI
 * does at build time; the window holds the facts the rules read.
 */
export interface PartnerWindow {
  entries: PartnerEntry[];
  kills: PartnerEntry[];
  /** True when older candidates were dropped from `entries`. */
  truncated: boolean;
  /** MD5 of the feed file last written. */
  md5?: string;
  /** Feeds that announce kills: ids of the items in the file last written, whose `carriedKey` markers exist. */
  shown?: string[];
}

/** Renders a story for a partner and keeps what the window needs; `killedAt` makes it a kill notice. */
export function partnerEntry(item: FeedItem, partner: PartnerConfig, site: SiteConfig, source: string, killedAt?: Date): PartnerEntry {
  const rendered = renderPartnerItem(item, partner, site, killedAt);
  const { published, modified, validEnd, ...rest } = rendered.checked;
  return {
    source,
    id: rendered.id,
    published: rendered.published.toISOString(),
    updated: rendered.updated.toISOString(),
    xml: rendered.xml,
    checked: { ...rest, ...(published && { published: published.toISOString() }), ...(modified && { modified: modified.toISOString() }), ...(validEnd && { validEnd: validEnd.toISOString() }) },
    file: rendered.source,
  };
}

/** The kill notice of a taken-down story, as the window keeps it: no photos (a killed story's are removed), dated by the take-down. */
export function killEntry(story: Story, partner: PartnerConfig, site: SiteConfig, source: string): PartnerEntry {
  return partnerEntry(buildFeedItem(story, { photos: [], copies: [] }, site.baseUrl), partner, site, source, story.updated);
}

/** An empty partner window. */
export function emptyPartnerWindow(): PartnerWindow {
  return { entries: [], kills: [], truncated: false };
}

/** One story's effect on a partner window: its current entry and kill, or neither (removed). */
export interface PartnerChange {
  source: string;
  entry?: PartnerEntry;
  kill?: PartnerEntry;
}

/**
 * Replaces everything a source had in the window with its new entry or kill. Candidates beyond
 * twice the item limit are dropped (the window is then truncated, and a story older than its tail
 * stays out); kills keep the newest `itemLimit` take-downs, as the CLI does.
 */
export function applyPartnerChange(window: PartnerWindow, partner: PartnerConfig, change: PartnerChange): PartnerWindow {
  const same = (entry: PartnerEntry, other?: PartnerEntry) => entry.source === change.source || (other !== undefined && entry.id === other.id);
  const tail = window.entries[window.entries.length - 1];
  let entries = window.entries.filter((entry) => !same(entry, change.entry));
  let kills = window.kills.filter((entry) => !same(entry, change.kill));
  let truncated = window.truncated;
  if (change.entry && !(truncated && tail && compareNewestFirst(change.entry, tail) > 0)) {
    // Entries are newest first already: insert in place (a rebuild adds every story, oldest first).
    const { entry } = change;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareNewestFirst(entries[middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    entries.splice(low, 0, entry);
    if (entries.length > partner.itemLimit * 2) {
      entries = entries.slice(0, partner.itemLimit * 2);
      truncated = true;
    }
  }
  if (change.kill) kills = [...kills, change.kill].sort(compareLatestUpdateFirst).slice(0, partner.itemLimit);
  return { ...window, entries, kills, truncated };
}

/** What a window drained by deletions must read back: the newest `capacity` order keys of each feed folder it draws on. */
export interface PartnerRefillNeed {
  folders: FeedFolder[];
  capacity: number;
}

/**
 * What a window needs read back to be refilled, or undefined when it needs nothing: only a truncated
 * window that deletions left short of its feed. It draws on the main feed's order, or on each of
 * its sections', twice the item limit each (one LIST each), whatever the archive size.
 */
export function partnerRefillNeed(window: PartnerWindow, partner: PartnerConfig): PartnerRefillNeed | undefined {
  if (!window.truncated || window.entries.length >= partner.itemLimit) return undefined;
  return { folders: partner.sections ? partner.sections.map((slug) => `sections/${slug}`) : [''], capacity: partner.itemLimit * 2 };
}

/** The sources of the head a refill must render again: those the window does not hold. */
export function sourcesToRender(window: PartnerWindow, need: PartnerRefillNeed, head: readonly string[]): string[] {
  const known = new Set(window.entries.map((entry) => entry.source));
  return head.slice(0, need.capacity).filter((source) => !known.has(source));
}

/**
 * The window refilled from the head of its feeds: `head` holds the sources of their newest stories,
 * newest first; `more` tells that a listing went further. Each keeps its entry in the window, or
 * takes the one rendered again (`rendered`; undefined: it cannot be published now, it stays out).
 */
export function refilledPartnerWindow(
  window: PartnerWindow,
  need: PartnerRefillNeed,
  head: readonly string[],
  more: boolean,
  rendered: ReadonlyMap<string, PartnerEntry | undefined>,
): PartnerWindow {
  const known = new Map(window.entries.map((entry) => [entry.source, entry]));
  const entries: PartnerEntry[] = [];
  for (const source of head.slice(0, need.capacity)) {
    const entry = known.get(source) ?? rendered.get(source);
    if (entry && !entries.some((other) => other.id === entry.id)) entries.push(entry);
  }
  return { ...window, entries: entries.sort(compareNewestFirst), truncated: more || head.length > need.capacity };
}

/**
 * How to read a window's texts: as they are, or, for a window read back framed, through the
 * fragments its tokens name (`FragmentBytes`).
 */
export interface WindowTexts {
  /** UTF-8 length of a text, without expanding its tokens. */
  byteLength(text: string): number;
  /** The text itself, tokens replaced by what they name. */
  textOf(text: string): string;
}

const PLAIN_TEXTS: WindowTexts = { byteLength: (text) => Buffer.byteLength(text), textOf: (text) => text };

/**
 * Renders a partner's feed from its window at `now`: every entry is preflighted, one that breaks an
 * error rule is left out and reported, the newest `itemLimit` that pass are kept, then the same
 * file as the build (`partnerFeedFile`). Reports use the CLI's line format. The item XML goes
 * into the feed as it is (tokens stay tokens); preflight reads the checked content through `texts`.
 */
export function renderPartnerWindow(
  site: SiteConfig,
  partner: PartnerConfig,
  window: PartnerWindow,
  now: Date,
  texts: WindowTexts = PLAIN_TEXTS,
): { path: string; body: string; reports: string[]; carried: string[] } {
  const { rules } = profileOf(partner);
  const check = (entry: PartnerEntry) => {
    const item = revive(entry, texts);
    return { entry, item, violations: checkItem(rules, item.checked, { now }) };
  };
  const candidates = window.entries.map(check);
  const passing = candidates.filter((candidate) => !hasErrors(candidate.violations)).slice(0, partner.itemLimit);
  const oldestKept = passing[passing.length - 1];
  const failing = candidates.filter((candidate) => hasErrors(candidate.violations) && (!oldestKept || compareNewestFirst(candidate.entry, oldestKept.entry) < 0));
  const feed = partnerFeedFile(site, partner, now, { passing, failing, kills: window.kills.map(check) }, (xml) => texts.byteLength(xml));
  return { path: feed.path, body: feed.body, reports: feed.reports.map(formatPartnerReport), carried: feed.carried };
}

function revive(entry: PartnerEntry, texts: WindowTexts): PartnerItem {
  const { published, modified, validEnd, ...rest } = entry.checked;
  const checked: CheckedItem = {
    ...rest,
    ...(rest.content !== undefined && { content: texts.textOf(rest.content) }),
    ...(published !== undefined && { published: new Date(published) }),
    ...(modified !== undefined && { modified: new Date(modified) }),
    ...(validEnd !== undefined && { validEnd: new Date(validEnd) }),
  };
  return { id: entry.id, published: new Date(entry.published), updated: new Date(entry.updated), xml: entry.xml, checked, source: entry.file };
}
