import type { CheckedFeed, CheckedItem } from './checked-feed.js';

/** Errors keep an item out of a partner feed (and fail `wirefeed check`); warnings are reported only. */
export type Severity = 'error' | 'warning';

/** What every rule knows: its id, weight and the partner page that states it. */
interface RuleBase {
  /** Stable id shown in reports, e.g. `title-length`. */
  id: string;
  severity: Severity;
  /** URL of the partner's published rule. */
  source: string;
}

/** A rule about one item; returns why the item breaks it, or undefined. */
export interface ItemRule extends RuleBase {
  scope: 'item';
  check(item: CheckedItem, context: PreflightContext): string | undefined;
}

/** A rule about the feed as a whole (channel, namespaces, size, item count). */
export interface FeedRule extends RuleBase {
  scope: 'feed';
  check(feed: CheckedFeed, context: PreflightContext): string | undefined;
}

/** Any preflight rule. */
export type Rule = ItemRule | FeedRule;

/** What rules may depend on besides the feed: the time of the check, passed in. */
export interface PreflightContext {
  now: Date;
}

/** One broken rule. */
export interface Violation {
  rule: string;
  severity: Severity;
  message: string;
  source: string;
  /** The item's guid/id; absent for feed-level rules. */
  itemId?: string;
}
