import type { CheckedFeed, CheckedItem } from './checked-feed.js';
import type { ItemRule, PreflightContext, Rule, Violation } from './rule.js';

/** Applies the item rules to one item. */
export function checkItem(rules: readonly Rule[], item: CheckedItem, context: PreflightContext): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'item') continue;
    const message = rule.check(item, context);
    if (message !== undefined) violations.push(violationOf(rule, message, item.id));
  }
  return violations;
}

/** Applies the feed rules to the feed, without its items' rules. */
export function checkFeedLevel(rules: readonly Rule[], feed: CheckedFeed, context: PreflightContext): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'feed') continue;
    const message = rule.check(feed, context);
    if (message !== undefined) violations.push(violationOf(rule, message));
  }
  return violations;
}

/** Applies every rule: feed rules first, then each item's, in document order. */
export function runPreflight(rules: readonly Rule[], feed: CheckedFeed, context: PreflightContext): Violation[] {
  return [...checkFeedLevel(rules, feed, context), ...feed.items.flatMap((item) => checkItem(rules, item, context))];
}

/** True when any violation is an error. */
export function hasErrors(violations: readonly Violation[]): boolean {
  return violations.some((violation) => violation.severity === 'error');
}

function violationOf(rule: Pick<ItemRule, 'id' | 'severity' | 'source'>, message: string, itemId?: string): Violation {
  return { rule: rule.id, severity: rule.severity, message, source: rule.source, ...(itemId !== undefined && { itemId }) };
}
