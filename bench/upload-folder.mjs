// Copies a local content folder into a bucket, a bounded number of PUTs at a time: the bench's
// stand-in for editors uploading an archive, so it talks to s3rver directly (nothing is counted).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `folder`, as bucket keys ('/'-separated, relative to the folder). */
function keysUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
}

/** Uploads every file of `folder` to `bucket` with at most `concurrency` requests in flight; returns the count. */
export async function uploadFolder(client, bucket, folder, { concurrency = 16 } = {}) {
  const keys = keysUnder(folder);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      // A Buffer body: streamed uploads with checksums are stored with their framing by s3rver 3.7.1.
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(join(folder, key)) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return keys.length;
}
