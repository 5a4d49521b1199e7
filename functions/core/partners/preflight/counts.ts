import type { FeedRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

/** The feed carries at least `min` items (Flipboard: ≥20 latest). */
export function itemCountMin({ severity, source, min }: Cite & { min: number }): FeedRule {
  return { id: 'item-count-min', scope: 'feed', severity, source, check: (feed) => (feed.items.length < min ? `feed has ${feed.items.length} items; at least ${min} wanted` : undefined) };
}

/** The feed carries at most `max` items (Google News reads ≤60 new articles per fetch). */
export function itemCountMax({ severity, source, max }: Cite & { max: number }): FeedRule {
  return { id: 'item-count-max', scope: 'feed', severity, source, check: (feed) => (feed.items.length > max ? `feed has ${feed.items.length} items; the partner reads at most ${max}` : undefined) };
}
