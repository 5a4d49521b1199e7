/**
 * Partner key records in CloudFront KeyValueStore, through the real SDK. Every write names the
 * store's current ETag (`IfMatch`), so two operators rotating at once cannot silently overwrite
 * each other: the loser gets a ConflictException and retries on fresh data.
 */
// The KVS API is signed with SigV4A (signing region "*"); this import registers the JS signer.
import '@aws-sdk/signature-v4a';
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  paginateListKeys,
  type CloudFrontKeyValueStoreClientConfig,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { PartnerKeyStore, StoredEntry } from '../core/ports/partner-key-store.js';

/** True for the answer to a write whose ETag was stale. */
export function isConflict(error: unknown): boolean {
  return error instanceof ConflictException;
}

/** A store on the KVS named by `kvsArn`; `config` lets tests point the SDK at a local endpoint. */
export function openPartnerKeyStore(kvsArn: string, config: CloudFrontKeyValueStoreClientConfig = {}): PartnerKeyStore {
  // KVS is global; the region only picks the partition for the endpoint rules.
  const client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1', ...config });
  return {
    isConflict,
    async get(key) {
      try {
        const found = await client.send(new GetKeyCommand({ KvsARN: kvsArn, Key: key }));
        return found.Value;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    },
    async put(key, value, etag) {
      await client.send(new PutKeyCommand({ KvsARN: kvsArn, Key: key, Value: value, IfMatch: etag }));
    },
    async delete(key, etag) {
      await client.send(new DeleteKeyCommand({ KvsARN: kvsArn, Key: key, IfMatch: etag }));
    },
    async etag() {
      const described = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: kvsArn }));
      if (!described.ETag) throw new Error(`${kvsArn}: DescribeKeyValueStore returned no ETag`);
      return described.ETag;
    },
    async list(prefix) {
      const entries: StoredEntry[] = [];
      for await (const page of paginateListKeys({ client }, { KvsARN: kvsArn })) {
        for (const item of page.Items ?? []) {
          if (item.Key?.startsWith(prefix) && item.Value !== undefined) entries.push({ key: item.Key, value: item.Value });
        }
      }
      return entries;
    },
  };
}
