/**
 * Whole-bucket snapshots of a test site, to prove "equals a clean sequential publish": every key
 * and every byte, public files and publisher state alike.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Site } from './harness.js';

/** Every object of a site bucket: key → text. */
export async function snapshotSite(site: Site): Promise<Record<string, string>> {
  const client = site.harness.client;
  const snapshot: Record<string, string> = {};
  let token: string | undefined;
  do {
    const listing = await client.send(new ListObjectsV2Command({ Bucket: site.siteBucket, ...(token && { ContinuationToken: token }) }));
    for (const object of listing.Contents ?? []) {
      const response = await client.send(new GetObjectCommand({ Bucket: site.siteBucket, Key: object.Key! }));
      snapshot[object.Key!] = await response.Body!.transformToString();
    }
    token = listing.IsTruncated ? listing.NextContinuationToken : undefined;
  } while (token);
  return snapshot;
}

/**
 * A snapshot without the windows of sections that emptied: such a window stays as an empty object
 * (S3 has no conditional delete to remove it safely), where a site that never had the section has none.
 */
export function withoutEmptyWindows(snapshot: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    // A window's first line is its JSON (framed state: the fragments' bytes follow it).
    Object.entries(snapshot).filter(([key, body]) => !(key.startsWith('_wirefeed/windows/sections/') && (JSON.parse(body.split('\n', 1)[0]!) as { entries: unknown[] }).entries.length === 0)),
  );
}

/** Feeds, pages, photos, index and uri claims of a snapshot (what a rebuild must reproduce exactly). */
export function publicAndClaims(snapshot: Record<string, string>): Record<string, string> {
  const kept = /^(_wirefeed\/claims\/|stories\/|media\/|(sections\/[^/]+\/)?(rss\.xml|atom\.xml|feed\.json)$|index\.html$)/;
  return Object.fromEntries(Object.entries(snapshot).filter(([key]) => kept.test(key)));
}

/** Every photo URL any feed or page mentions, as site paths, with those that do not exist. */
export async function danglingPhotos(site: Site): Promise<string[]> {
  const snapshot = await snapshotSite(site);
  const missing = new Set<string>();
  for (const [key, body] of Object.entries(snapshot)) {
    if (key.startsWith('_wirefeed/')) continue;
    for (const match of body.matchAll(/https:\/\/feeds\.example\.com\/(media\/[^"<&\s)\\]+)/g)) {
      const path = decodeURI(match[1]!);
      if (!(path in snapshot)) missing.add(path);
    }
  }
  return [...missing].sort();
}
