import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/**
 * A digest of the code that renders: the build cache is thrown away when it changes. Compiled, this
 * module is in the CLI's bundle folder, whose entry points and shared chunks hold every renderer, so
 * all of its scripts are hashed; run from source (tests, tsx), the TypeScript of the core and the
 * build use case is.
 */
export function rendererVersion(): string {
  if (version) return version;
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) {
    const bundle = dirname(here);
    version = digestFiles(readdirSync(bundle).filter((name) => name.endsWith('.js')).sort().map((name) => join(bundle, name)));
    return version;
  }
  const functions = join(dirname(here), '..');
  const sources = [...listTs(join(functions, 'core')), ...listTs(join(functions, 'use-cases', 'build'))];
  version = digestFiles(sources);
  return version;
}

/**
 * The files' bytes hashed as read: decoding ~400 KB of scripts to text and joining them took
 * ~20 ms of every warm build, hashing the bytes ~2 ms.
 */
function digestFiles(files: string[]): string {
  const hash = createHash('sha1');
  for (const file of files) hash.update(readFileSync(file)).update('\u0000');
  return hash.digest('base64url');
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
