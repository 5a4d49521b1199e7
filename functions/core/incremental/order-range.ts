import type { FeedFolder } from './layout.js';
import { orderKey, orderPrefix } from './state-keys.js';

/** A range of keys under `prefix`: those after `after`, up to `through` (inclusive). */
export interface KeyRange {
  prefix: string;
  after: string;
  through: string;
}

/**
 * The keys of the order markers of `folder` published from `from` to `to` (ISO dates, inclusive, at
 * millisecond precision), whatever their source hash: a marker's key counts down from a fixed
 * number in a fixed width of digits, so a time range is one range of keys, the newest first. A
 * render child lists it instead of asking for its stories' markers one by one.
 */
export function orderMarkerRange(folder: FeedFolder, from: string, to: string): KeyRange {
  const time = (iso: string) => orderKey(folder, iso, '').slice(0, -1);
  // `<digits>-<hash>` sorts after `<digits>` and before `<digits>.`.
  return { prefix: orderPrefix(folder), after: time(to), through: `${time(from)}.` };
}

/** Whether `key` is in `range`. */
export function inKeyRange(key: string, { prefix, after, through }: KeyRange): boolean {
  return key.startsWith(prefix) && key > after && key <= through;
}

const ORDER_ROOT = orderPrefix('').slice(0, -'main/'.length);

/** The feed of an order marker's key (`orderKey`); undefined for any other key. */
export function feedOfOrderKey(key: string): FeedFolder | undefined {
  const end = key.lastIndexOf('/');
  if (!key.startsWith(ORDER_ROOT) || end <= ORDER_ROOT.length) return undefined;
  const name = key.slice(ORDER_ROOT.length, end);
  return orderPrefix(name) === orderPrefix('') ? '' : name;
}
