// Saved states of a streaming build's outputs (use-cases/build/build-checkpoints.ts), one JSON file
// each in the cache folder's `checkpoints/`.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFolder } from './make-folder.js';

const FOLDER = 'checkpoints';

/** Saves a state's JSON as `checkpoints/<name>.json`; returns the file's name for the manifest. */
export function saveCheckpoint(cacheDir: string, name: string, text: string): string {
  makeFolder(join(cacheDir, FOLDER));
  const file = `${name}.json`;
  writeFileSync(join(cacheDir, FOLDER, file), text);
  return file;
}

/** The state a checkpoint saved, or undefined when its file is gone or damaged (the build then takes the entries again). */
export function loadCheckpoint(cacheDir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(cacheDir, FOLDER, file), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Removes the checkpoint files not in `names` (run after the manifest is written). */
export function pruneCheckpoints(cacheDir: string, names: ReadonlySet<string>): void {
  let files: string[];
  try {
    files = readdirSync(join(cacheDir, FOLDER));
  } catch {
    return;
  }
  for (const file of files) if (!names.has(file)) rmSync(join(cacheDir, FOLDER, file), { force: true });
}
