import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rendererVersion } from './renderer-version.js';

let identity: string | undefined;

/**
 * A digest of the code running: a rebuild skips an archive page whose inputs are those it was last
 * rendered from only under the same code, so a deploy that changes rendering renders every page again.
 * Bundled (a Lambda's `.mjs`), this module is inside the one file that holds every renderer: that
 * file is hashed. Run from source (tests, tsx), the renderer version of the TypeScript is.
 */
export function codeIdentity(): string {
  if (identity) return identity;
  const here = fileURLToPath(import.meta.url);
  identity = here.endsWith('.mjs') ? createHash('sha1').update(readFileSync(here)).digest('base64url') : rendererVersion();
  return identity;
}
