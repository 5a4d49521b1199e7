/** One entry of the store. */
export interface StoredEntry {
  key: string;
  value: string;
}

/** Where partner keys' records are kept (adapters/partner-key-store.ts: CloudFront KeyValueStore); the operations the partner-key use case needs. */
export interface PartnerKeyStore {
  /** The value under `key`, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
  /** Writes `value` under `key` if the store has not changed since `etag`. */
  put(key: string, value: string, etag: string): Promise<void>;
  /** Deletes `key` if the store has not changed since `etag`. */
  delete(key: string, etag: string): Promise<void>;
  /** The store's current ETag. */
  etag(): Promise<string>;
  /** Every entry whose key starts with `prefix`. */
  list(prefix: string): Promise<StoredEntry[]>;
  /** True for the answer to a write whose ETag was stale: another writer got there first. */
  isConflict(error: unknown): boolean;
}
