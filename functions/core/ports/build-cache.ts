import type { FragmentLocation } from '../fragment-token.js';
import type { CarriedIds } from '../partners/carried-history.js';
import type { StoryProblem } from '../story-error.js';

/**
 * What the build cache remembers between builds: for each story file, its size and mtime, the media it
 * read and the record it turned into; for each output, the key of the template it was written from.
 */
export interface CacheManifest<R> {
  /** Renderer version and site config hash; anything else invalidates the whole cache. */
  key: string;
  /** Next pack number to hand out. */
  nextPack: number;
  /** By story file path: the file's size and mtime, the media it read, and its record. */
  stories: Record<string, CachedStory<R>>;
  /** By output path: the key of the template it was written from, its size in bytes, and when the build emitted it. */
  outputs: Record<string, OutputRecord>;
  /** Where the last build saved its outputs' state, oldest first (see use-cases/build/build-checkpoints.ts). */
  checkpoints: Checkpoint[];
  /** Files a build under another key wrote (read, never written): stale unless this build writes them again. */
  formerOutputs?: string[];
  /** What the last build decided from all its stories: taken by a build in which none changed, patched by one in which a few did (absent: unknown). */
  plan?: PlanSnapshot;
}

/**
 * What a build decided from every story's record, small enough for the manifest's header
 * (use-cases/build/plan-snapshot.ts): the next build, when no story file changed and its `now` lies
 * in [`from`, `until`) (no story's publication, embargo or take-down time in between), decides the
 * same, and takes this instead of building every record into a release plan again; when a few story
 * files changed, it patches this for them (use-cases/build/plan-patch.ts).
 */
export interface PlanSnapshot {
  /** Epoch ms; null: unbounded. */
  from: number | null;
  until: number | null;
  /** Released stories: the entries the outputs take. */
  entries: number;
  published: number;
  held: { embargoed: number; withheld: number; nextRelease?: number };
  /** Every file the build reported rejected, in the order it reported them. */
  rejected: Array<[file: string, problems: StoryProblem[]]>;
  /** Files keeping their last good version, in file order: its version and why the new one was rejected. */
  kept: Array<[file: string, version: string, problems: StoryProblem[]]>;
  /** Take-down items announced before the entries, in order. */
  killItems: FragmentLocation[];
  /**
   * What a build in which a few stories changed patches: the saved file (`saveCheckpoint`) listing the
   * entries' story file paths, oldest first (kept out of the manifest, whose every segment repeats
   * this header), and the take-downs' paths in their order.
   */
  order: string;
  killed: string[];
  /** Files refused for claiming another's uri and version, in the order reported (part of `rejected`). */
  duplicates: Array<[file: string, problems: StoryProblem[]]>;
  /** Section slug → name, in the order the sections were named. */
  names: Array<[slug: string, name: string]>;
  /** Packs the records point into. */
  live: number[];
}

/**
 * An output as the last build wrote it. `emittedAt` counts the entries the outputs had been given
 * when it was emitted (absent: unknown); a photo, which every story showing it needs, also records
 * `lastAt`, the same count for the last of them.
 */
export type OutputRecord = [key: string, bytes: number, emittedAt?: number, lastAt?: number];

/** A saved state of a build's outputs after its first `at` entries (use-cases/build/build-checkpoints.ts). */
export interface Checkpoint {
  at: number;
  /** Hash of the entries before it. */
  hash: string;
  /** Hash of the entries after it. */
  rest: string;
  /** Hash of the state. */
  state: string;
  /** Where the state is kept. */
  file: string;
}

/** A media file as a story read it: path, size and mtime (-1 when missing). */
export type MediaFingerprintEntry = [path: string, size: number, mtimeMs: number];

/** One story file as the cache remembers it. */
export interface CachedStory<R> {
  size: number;
  mtimeMs: number;
  /** Media files the story read, with their size and mtime when read. */
  media: MediaFingerprintEntry[];
  record: R;
}

/** Appends fragments to one pack; one writer per pack (each build thread has its own). */
export interface PackWriter {
  append(text: string): FragmentLocation;
  /** Writes what is buffered; fragments are readable only after this. */
  flush(): void;
  close(): void;
}

/** Reads fragments back by location. */
export interface PackReader {
  read(location: FragmentLocation): string;
  /** Many fragments as text, answered in the order asked (read in file order, neighbours together). */
  readMany(locations: readonly FragmentLocation[]): string[];
  /** Copies the fragment's UTF-8 bytes into `target` at `at`, without decoding them. */
  readInto(location: FragmentLocation, target: Buffer, at: number): void;
  close(): void;
}

/**
 * What a CLI build keeps between builds (adapters/fs-build-cache.ts): the manifest, the fragment
 * packs, the saved states of the outputs, the partner ledger, and the lock that keeps one build at a time.
 */
export interface BuildCache {
  /** Makes the cache's root, naming it when it cannot be made. */
  make(): void;
  /** Takes the cache for this build; returns what gives it back. */
  lock(): () => void;
  /** The manifest the last build wrote under `key`, or an empty one (other keys' outputs become `formerOutputs`). */
  readManifest<R>(key: string): CacheManifest<R>;
  /** Saves the manifest read, given new `stories` and `outputs` tables: the ones read are never changed in place. */
  writeManifest<R>(manifest: CacheManifest<R>): void;
  openPackWriter(pack: number): PackWriter;
  openPackReader(): PackReader;
  /** Deletes packs no record points into any more. */
  prunePacks(live: Set<number>): void;
  /** Marks the outputs as being written; says whether the last build stopped while writing them. */
  startWritingOutputs(): { previousUnfinished: boolean };
  finishWritingOutputs(): void;
  /** Saves an outputs' state (or the entries' order of a plan snapshot); returns the name to load it by. */
  saveCheckpoint(name: string, text: string): string;
  /** A saved state, or undefined when it cannot be read. */
  loadCheckpoint(file: string): unknown;
  /** Deletes the saved states not named in `kept`. */
  pruneCheckpoints(kept: ReadonlySet<string>): void;
  /** What the partner feeds that announce kills have carried (empty when unknown). */
  readPartnerLedger(): CarriedIds;
  writePartnerLedger(carried: CarriedIds): void;
}
