import { createHash } from 'node:crypto';

/** A short stable digest of a string: names a build cache's key and an output's template between builds. */
export function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
