/**
 * The manifest's shared values: ones many stories repeat (the same photo read by many stories)
 * are written once, numbered, and named by their number in the lines that use them.
 */

/** Numbers for values many stories repeat (the same photo read by many stories), written once per manifest. */
export interface SharedValues {
  /** The number of the value known by `key`, adding it to the manifest when new. */
  ref(key: string, value: unknown): number;
  value(ref: number): unknown;
}

/** Shared values by number, with the key each was added under (written beside it, so appends find it again). */
export interface SharedTable extends SharedValues {
  keys: Map<string, number>;
  values: unknown[];
  keyList: string[];
  set(ref: number, key: string, value: unknown): void;
  /** The manifest line of shared value `ref`. */
  line(ref: number): string;
}

export function sharedTable(): SharedTable {
  const keys = new Map<string, number>();
  const values: unknown[] = [];
  const keyList: string[] = [];
  return {
    keys,
    values,
    keyList,
    ref(key, value) {
      let ref = keys.get(key);
      if (ref === undefined) {
        ref = values.length;
        keys.set(key, ref);
        values.push(value);
        keyList.push(key);
      }
      return ref;
    },
    value: (ref) => values[ref],
    set(ref, key, value) {
      keys.set(key, ref);
      values[ref] = value;
      keyList[ref] = key;
    },
    line: (ref) => JSON.stringify(['v', ref, keyList[ref], values[ref]]),
  };
}
