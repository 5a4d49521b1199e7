import type { SiteConfig } from '../site.js';
import type { PartnerConfig } from './partner-config.js';
import type { PartnerItem } from './partner-item.js';
import { assemblePartnerFeed } from './assemble-partner-feed.js';
import { partnerFeedPath } from './render-partner-feed.js';
import { profileOf } from './profile-of.js';
import { checkFeedLevel, hasErrors } from './preflight/run-preflight.js';
import type { Violation } from './preflight/rule.js';

/** One preflight finding of a partner feed: which story (or the feed file) broke which rule. */
export interface PartnerReport {
  partner: string;
  /** The story's source file, or the feed's path for feed-level rules. */
  subject: string;
  violation: Violation;
  /** True when the story was left out of the partner feed. */
  excluded: boolean;
}

/** A partner item with what the profile's item rules found in it. */
export interface CheckedPartnerItem {
  item: PartnerItem;
  violations: Violation[];
}

/** A partner's file, what its preflight found, and what it carries. */
export interface PartnerFeedFile {
  path: string;
  body: string;
  reports: PartnerReport[];
  /** Ids of the stories and kill notices in the file. */
  carried: string[];
  /** Stories in the file (kill notices aside). */
  items: number;
}

/**
 * The one way a partner's file is made from its preflighted items, by the build and the publisher
 * alike: the stories that pass (`passing`, newest first, at most the item limit) and the kill notices
 * without an error go through `assemblePartnerFeed` (which may drop the oldest stories over the size
 * cap); the feed-level rules run on the result. Reported are the feed-level findings, the stories
 * (`failing`) and kill notices left out by an error rule, then the findings on what the file holds.
 */
export function partnerFeedFile(
  site: SiteConfig,
  partner: PartnerConfig,
  now: Date,
  checked: { passing: readonly CheckedPartnerItem[]; failing: readonly CheckedPartnerItem[]; kills: readonly CheckedPartnerItem[] },
  itemBytes?: (xml: string) => number,
): PartnerFeedFile {
  const path = partnerFeedPath(partner);
  const liveKills = checked.kills.filter((kill) => !hasErrors(kill.violations));
  const feed = assemblePartnerFeed(partner, site, checked.passing.map((entry) => entry.item), liveKills.map((kill) => kill.item), itemBytes);
  const kept = checked.passing.slice(0, feed.kept);
  const reportsOf = (entry: CheckedPartnerItem, excluded: boolean): PartnerReport[] =>
    entry.violations.map((violation) => ({ partner: partner.name, subject: entry.item.source, violation, excluded }));
  const reports: PartnerReport[] = [
    ...checkFeedLevel(profileOf(partner).rules, feed.checked, { now }).map((violation) => ({ partner: partner.name, subject: path, violation, excluded: false })),
    ...[...checked.failing, ...checked.kills.filter((kill) => hasErrors(kill.violations))].flatMap((entry) => reportsOf(entry, true)),
    ...[...kept, ...liveKills].flatMap((entry) => reportsOf(entry, false)),
  ];
  return { path, body: feed.body, reports, carried: [...kept, ...liveKills].map((entry) => entry.item.id), items: kept.length };
}
