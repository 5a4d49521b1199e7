import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from '../adapters/cache-manifest.js';

/**
 * Checkpoints of a streaming build's outputs. Every so many entries the build saves the outputs'
 * state (`ItemSink.save`) with a hash of the entries given so far. The next build hashes its own
 * entries the same way; where a hash matches, its first entries are the last build's, so everything
 * the outputs emitted while taking them is unchanged (an output emits only from entries it has
 * seen). It resumes the outputs from that state and gives them only the entries after it: after a
 * correction in a 10k archive it reads and re-runs only the stories from the checkpoint before it.
 */
const FOLDER = 'checkpoints';

/**
 * Entries between checkpoints: 1 000, more in larger archives, so a build saves at most ~16 states
 * (each ~1 MB: every feed's newest items and open archive pages). Multiples of 1 000, so adding a
 * story rarely moves them.
 */
export function checkpointSpacing(entries: number): number {
  return 1000 * Math.max(1, Math.ceil(entries / 16_000));
}

/**
 * The identities of a build's entries, hashed prefix by prefix. An entry is named by where its
 * rendered parts lie in the cache (new whenever the story is processed again) or, for a story whose
 * media failed and which outputs never see, by its file.
 */
export class EntrySequence {
  readonly #hash: Hash = createHash('sha256');
  #count = 0;
  readonly #at = new Map<number, string>();

  /**
   * Hashes `identities` and keeps the prefix hash at each of `positions`. `before` names what the
   * outputs are given ahead of the entries (take-downs): part of every prefix.
   */
  constructor(identities: Iterable<string>, positions: ReadonlySet<number>, before: Iterable<string> = []) {
    for (const identity of before) this.#hash.update(identity).update('\u0000');
    this.#hash.update('\u0001');
    for (const identity of identities) {
      if (positions.has(this.#count)) this.#at.set(this.#count, this.#hash.copy().digest('base64url'));
      this.#hash.update(identity).update('\u0000');
      this.#count += 1;
    }
    if (positions.has(this.#count)) this.#at.set(this.#count, this.#hash.copy().digest('base64url'));
  }

  /** The hash of the first `at` entries, when `at` was one of the positions asked for. */
  hashAt(at: number): string | undefined {
    return this.#at.get(at);
  }
}

/** The last build's checkpoints whose entries this build starts with, latest first. */
export function matchingCheckpoints(previous: readonly Checkpoint[], sequence: EntrySequence): Checkpoint[] {
  return previous.filter((checkpoint) => sequence.hashAt(checkpoint.at) === checkpoint.hash).sort((a, b) => b.at - a.at);
}

/** Saves a state as `checkpoints/<name>.json`; returns the file's name for the manifest. */
export function saveCheckpoint(cacheDir: string, name: string, state: unknown): string {
  mkdirSync(join(cacheDir, FOLDER), { recursive: true });
  const file = `${name}.json`;
  writeFileSync(join(cacheDir, FOLDER, file), JSON.stringify(state));
  return file;
}

/** The state a checkpoint saved, or undefined when its file is gone or damaged (the build then starts from the first entry). */
export function loadCheckpoint(cacheDir: string, checkpoint: Checkpoint): unknown {
  try {
    return JSON.parse(readFileSync(join(cacheDir, FOLDER, checkpoint.file), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Removes the checkpoint files the manifest no longer names (run after the manifest is written). */
export function pruneCheckpoints(cacheDir: string, kept: readonly Checkpoint[]): void {
  const names = new Set(kept.map((checkpoint) => checkpoint.file));
  let files: string[];
  try {
    files = readdirSync(join(cacheDir, FOLDER));
  } catch {
    return;
  }
  for (const file of files) if (!names.has(file)) rmSync(join(cacheDir, FOLDER, file), { force: true });
}
