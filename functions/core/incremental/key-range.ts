import type { KeyRange } from '../ports/state-keys.js';

/** Whether `key` is in `range` (`StateKeys.orderRange`): under its prefix, after `after`, up to `through`. */
export function inKeyRange(key: string, { prefix, after, through }: KeyRange): boolean {
  return key.startsWith(prefix) && key > after && key <= through;
}
