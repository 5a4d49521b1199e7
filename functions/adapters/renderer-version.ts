import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest } from '../core/text/digest.js';

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
    const scripts = readdirSync(bundle).filter((name) => name.endsWith('.js')).sort();
    version = digest(scripts.map((name) => readFileSync(join(bundle, name), 'utf8')).join('\u0000'));
    return version;
  }
  const functions = join(dirname(here), '..');
  const sources = [...listTs(join(functions, 'core')), ...listTs(join(functions, 'use-cases', 'build'))];
  version = digest(sources.map((file) => readFileSync(file, 'utf8')).join('\u0000'));
  return version;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
