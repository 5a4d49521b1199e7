/**
 * Which story file publishes a uri. Two files may carry the same uri (a re-sent story saved under a
 * new name, a correction filed separately); the site shows one. The rule is the CLI's
 * (`dedupe-stories.ts`): the newer version wins; on equal versions the file that holds the uri
 * keeps it and the other is refused. The claim object lists every file naming the uri with its
 * version, so the decision does not depend on the order events arrive in, and a deleted winner
 * hands the uri to the next file.
 */
import { compareVersions } from '../dedupe-stories.js';
import { sourceHash } from './layout.js';

/** What decides between two files of one uri. */
export interface ClaimFacts {
  version: string;
  /** versionCreated, ISO 8601: breaks ties between non-numeric versions. */
  updated: string;
}

/** The files naming one uri (content keys), and the one whose story is published. */
export interface UriClaim {
  owner?: string;
  files: Record<string, ClaimFacts>;
}

/** Names a uri in state keys without storing it (a held story's uri stays out of the bucket). */
export function claimHash(id: string): string {
  return sourceHash(`uri:${id}`);
}

/** Positive when `a` is a newer version than `b`, by the CLI's rule. */
export function compareFacts(a: ClaimFacts, b: ClaimFacts): number {
  return compareVersions({ version: a.version, updated: new Date(a.updated) }, { version: b.version, updated: new Date(b.updated) });
}

/**
 * The file that publishes the uri: the newest version; among equals the current owner stays,
 * else the first by key (as the CLI reads files in name order).
 */
export function chooseOwner(files: Record<string, ClaimFacts>, current: string | undefined): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(files).sort()) {
    if (best === undefined) {
      best = key;
      continue;
    }
    const order = compareFacts(files[key]!, files[best]!);
    if (order > 0 || (order === 0 && key === current)) best = key;
  }
  return best;
}

/** The claim after `key` says it carries the uri with `facts`. */
export function joinClaim(claim: UriClaim | undefined, key: string, facts: ClaimFacts): UriClaim {
  const files = sortedFiles({ ...(claim?.files ?? {}), [key]: facts });
  const owner = chooseOwner(files, claim?.owner);
  return { ...(owner !== undefined && { owner }), files };
}

/** The claim after `key` no longer carries the uri (deleted, or now names another uri). */
export function leaveClaim(claim: UriClaim, key: string): UriClaim {
  const files = { ...claim.files };
  delete files[key];
  const owner = chooseOwner(files, claim.owner === key ? undefined : claim.owner);
  return { ...(owner !== undefined && { owner }), files };
}

/** True when two claims hold the same decision and facts (nothing to write). */
export function sameClaim(a: UriClaim | undefined, b: UriClaim): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every uri's claim from a full read of the stories (rebuild): the files naming it, and as owner
 * the file the CLI's deduplication kept.
 */
export function claimsOf(files: Array<{ key: string; story: { id: string; version: string; updated: Date } }>, kept: Set<string>): Map<string, UriClaim> {
  const claims = new Map<string, UriClaim>();
  for (const { key, story } of files) {
    const hash = claimHash(story.id);
    const claim = claims.get(hash) ?? { files: {} };
    claim.files[key] = { version: story.version, updated: story.updated.toISOString() };
    if (kept.has(key)) claim.owner = key;
    claims.set(hash, claim);
  }
  // Same key order as `joinClaim` writes, so a rebuild and incremental publishes store equal bytes.
  return new Map([...claims].map(([hash, { owner, files }]) => [hash, { ...(owner !== undefined && { owner }), files: sortedFiles(files) }]));
}

// Files in key order: the same set of files is the same bytes, whatever order they arrived in.
function sortedFiles(files: Record<string, ClaimFacts>): Record<string, ClaimFacts> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
