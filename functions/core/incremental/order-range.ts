import type { FeedFolder } from './layout.js';
import { orderKey, orderPrefix } from './state-keys.js';

/**
 * The key prefixes that together list exactly the order markers of `folder` published from `from`
 * to `to` (ISO dates, inclusive, at millisecond precision), whatever their source hash: a marker's
 * key counts down from a fixed number in a fixed width of digits, so a time range is a range of
 * digit strings, and such a range is the union of a few prefixes (at most 9 per digit on each
 * side). A render child lists these instead of asking for its stories' markers one by one.
 */
export function orderMarkerPrefixes(folder: FeedFolder, from: string, to: string): string[] {
  const prefix = orderPrefix(folder);
  const digits = (iso: string) => orderKey(folder, iso, '').slice(prefix.length, -1);
  return decimalCover(digits(to), digits(from)).map((cover) => prefix + cover);
}

/**
 * The fewest prefixes whose strings of `low.length` digits are exactly those from `low` to `high`
 * (inclusive, both of the same length).
 */
export function decimalCover(low: string, high: string): string[] {
  if (low.length !== high.length) throw new Error(`decimalCover: ${low} and ${high} differ in length`);
  if (low > high) return [];
  if (/^0*$/.test(low) && /^9*$/.test(high)) return [''];
  const [a, b] = [low[0]!, high[0]!];
  const rest = (s: string) => s.slice(1);
  if (a === b) return decimalCover(rest(low), rest(high)).map((cover) => a + cover);
  const covers = decimalCover(rest(low), '9'.repeat(low.length - 1)).map((cover) => a + cover);
  for (let digit = Number(a) + 1; digit < Number(b); digit++) covers.push(String(digit));
  covers.push(...decimalCover('0'.repeat(low.length - 1), rest(high)).map((cover) => b + cover));
  return covers;
}

const ORDER_ROOT = orderPrefix('').slice(0, -'main/'.length);

/** The feed of an order marker's key (`orderKey`); undefined for any other key. */
export function feedOfOrderKey(key: string): FeedFolder | undefined {
  const end = key.lastIndexOf('/');
  if (!key.startsWith(ORDER_ROOT) || end <= ORDER_ROOT.length) return undefined;
  const name = key.slice(ORDER_ROOT.length, end);
  return orderPrefix(name) === orderPrefix('') ? '' : name;
}
