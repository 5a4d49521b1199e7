import { createHash, type Hash } from 'node:crypto';
import type { BuildCache, Checkpoint, OutputRecord } from '../../core/ports/build-cache.js';
import type { ItemSink } from '../../core/outputs/item-sink.js';

/**
 * Checkpoints of a streaming build's outputs. Every so many entries, and after the last, the build
 * saves the outputs' state (`ItemSink.save`) with hashes of the entries before and after it.
 *
 * An output only ever emits from the entries it has seen, so:
 * - where this build's first entries are the last build's (same prefix hash), everything the outputs
 *   emitted while taking them is unchanged: the build resumes the outputs from that checkpoint and
 *   carries those files over;
 * - where, after a change, the outputs' state is again what it was at the same checkpoint last time
 *   and the entries after it are the same (a corrected story has left every feed window and open
 *   archive page), everything they emit until the end is unchanged too: the build takes the state
 *   saved after the last entry and carries those files over.
 * So a correction in a 10k archive re-runs the outputs over the stories from the checkpoint before
 * it to the one after it, not over the whole archive.
 */
export class OutputCheckpoints {
  readonly #options: CheckpointOptions;
  readonly #sequence: EntrySequence | RecordedSequence;
  /** Where this build saves: every `spacing` entries, and after the last. */
  readonly #positions = new Set<number>();
  readonly #previous: Map<number, Checkpoint>;
  readonly #kept: Checkpoint[] = [];
  /** Where the outputs resumed: checkpoints up to here are kept from the last build. */
  #start = 0;
  /** Files of the last build's checkpoints that did not load: never kept as they are. */
  readonly #unreadable = new Set<string>();
  #saving = true;
  #outputs: Carried | undefined;

  constructor(options: CheckpointOptions) {
    this.#options = options;
    for (const at of checkpointPositions(options.count, options.spacing)) this.#positions.add(at);
    this.#previous = new Map(options.previous.map((checkpoint) => [checkpoint.at, checkpoint]));
    this.#sequence = options.identities
      ? new EntrySequence(options.identities, new Set([...this.#positions, ...this.#previous.keys()]), options.before, options.spacing)
      : new RecordedSequence(options.previous);
  }

  /**
   * Resumes the outputs from the latest of the last build's checkpoints that this build's entries
   * start with and every output can resume from (the news sitemap refuses a state the clock has
   * passed). Returns its position (0: none) and the outputs emitted before it, to carry over. None
   * when the last build's outputs cannot be trusted or one of those files is gone from the output
   * folder: the outputs then take those entries again, and write the file again.
   */
  resume(): { at: number; carried: Carried } {
    const { sink, trusted } = this.#options;
    const matching = [...this.#previous.values()].filter((checkpoint) => this.#sequence.hashAt(checkpoint.at) === checkpoint.hash).sort((a, b) => b.at - a.at);
    for (const checkpoint of trusted ? matching : []) {
      const carried = this.#carried(0, checkpoint.at);
      const resume = carried && this.#load(checkpoint, sink);
      if (!resume) continue;
      resume();
      this.#start = checkpoint.at;
      // Its checkpoints up to here still hold: same entries, same states.
      for (const earlier of matching.filter(({ at }) => at <= checkpoint.at).reverse()) this.#kept.push(this.#rehashed(earlier));
      return { at: checkpoint.at, carried };
    }
    return { at: 0, carried: [] };
  }

  /**
   * Before the entry at `position` (or after the last): saves the outputs' state when a checkpoint
   * falls here. When the outputs have caught up with the last build (see the class comment), puts
   * them in the state after the last entry and returns the files they emitted since, to carry over:
   * the build then skips to the end.
   */
  reached(position: number): { carried: Carried } | undefined {
    if (!this.#saving || position <= this.#start || !this.#positions.has(position)) return undefined;
    const state = this.#options.sink.save?.();
    if (state === undefined) {
      this.#saving = false;
      return undefined;
    }
    const text = JSON.stringify(state);
    const checkpoint: Checkpoint = { at: position, hash: this.#sequence.hashAt(position)!, state: digestOf(text), rest: this.#sequence.restAt(position)!, file: '' };
    const before = this.#previous.get(position);
    const same = this.#options.trusted && before?.state === checkpoint.state && !this.#unreadable.has(before.file);
    checkpoint.file = same ? before!.file : this.#options.cache.saveCheckpoint(`${this.#options.name}-${position}`, text);
    this.#kept.push(checkpoint);
    const end = this.#options.count;
    if (!same || position === end || before!.rest !== checkpoint.rest) return undefined;
    return this.#rejoin(position, end);
  }

  /** The checkpoints this build leaves, oldest first. */
  kept(): Checkpoint[] {
    return this.#kept;
  }

  #rejoin(position: number, end: number): { carried: Carried } | undefined {
    const last = this.#previous.get(end);
    const carried = last && this.#carried(position, end);
    const resume = carried && this.#load(last, this.#options.sink);
    if (!resume) return undefined;
    resume();
    // The last build's later checkpoints hold the same states after the same entries; only what came before differs.
    for (const [at, later] of [...this.#previous].sort(([a], [b]) => a - b)) if (at > position) this.#kept.push(this.#rehashed(later));
    return { carried };
  }

  /** A checkpoint of the last build whose state holds here, with this build's hashes around it. */
  #rehashed(checkpoint: Checkpoint): Checkpoint {
    return { ...checkpoint, hash: this.#sequence.hashAt(checkpoint.at)!, rest: this.#sequence.restAt(checkpoint.at)! };
  }

  /**
   * The last build's outputs emitted for entries after the first `from` and up to `to`, or undefined
   * when one of them is gone from the output folder. A photo is carried when a story showing it is
   * among those entries: the first one when resuming (`from` = 0), the last one when catching up
   * (`to` = the end). Its first and last are merged with what a replay saw (stream-build.ts), so they
   * may only widen: a photo no story shows any more can then be kept, never one a story shows dropped.
   */
  #carried(from: number, to: number): Carried | undefined {
    const { isPresent } = this.#options;
    const emitted = this.#emitted();
    const carried: Carried = [];
    // Indexed, without destructuring: this runs once a build, before V8 optimizes it, where
    // destructuring an array goes through its iterator (that cost more than the walk it replaced).
    for (let index = 0; index < emitted.length; index += 1) {
      const output = emitted[index]!;
      const record = output[1];
      const emittedAt = record[2]!;
      if ((record[3] ?? emittedAt) <= from || emittedAt > to) continue;
      if (!isPresent(output[0])) return undefined;
      carried.push(output);
    }
    return carried;
  }

  /**
   * The last build's outputs that record when they were emitted, walked out of the manifest's table
   * once: a 10k build's 12k outputs are a dictionary, and a build that catches up looks through them
   * twice.
   */
  #emitted(): Carried {
    if (this.#outputs) return this.#outputs;
    const { outputs } = this.#options;
    const emitted: Carried = [];
    for (const path in outputs) {
      const output = outputs[path]!;
      if (output[2] !== undefined) emitted.push([path, output]);
    }
    return (this.#outputs = emitted);
  }

  #load(checkpoint: Checkpoint, sink: ItemSink): (() => void) | undefined {
    const state = this.#options.cache.loadCheckpoint(checkpoint.file);
    if (state === undefined) this.#unreadable.add(checkpoint.file);
    return state === undefined ? undefined : sink.resume?.(state);
  }
}

/** Outputs of the last build carried over as they were, with their records. */
export type Carried = Array<[path: string, output: OutputRecord]>;

/** What the checkpoints of one build work from. */
export interface CheckpointOptions {
  /** Where the states are saved. */
  cache: BuildCache;
  /** Unique to this build: names its checkpoint files. */
  name: string;
  /** Entries between checkpoints ({@link CHECKPOINT_SPACING}). */
  spacing: number;
  /** Entries the outputs take. */
  count: number;
  /**
   * The entries in the order the outputs take them ({@link EntrySequence}); absent when they are the
   * last build's (no story changed: see plan-snapshot.ts), whose checkpoints then hold their hashes.
   * Only then, and only when those checkpoints fall where this build's do ({@link hashesRecorded}).
   */
  identities?: readonly string[];
  /** What the outputs are given ahead of the entries (take-downs). */
  before: readonly string[];
  /** The last build's checkpoints and outputs. */
  previous: readonly Checkpoint[];
  outputs: Readonly<Record<string, OutputRecord>>;
  /** False when the last build did not finish writing: nothing it recorded is carried over. */
  trusted: boolean;
  isPresent: (path: string) => boolean;
  sink: ItemSink;
}

/**
 * Entries between checkpoints. A correction re-runs the outputs from the checkpoint before it to the
 * first one after it where the outputs' state is again the last build's (its story has left every
 * feed window and open archive page: ~300 stories later in the bench archive, whose sections hold a
 * sixth of the stories each), so this bounds what a warm build replays: ~500 stories here at any
 * archive size, where spacing grown with the archive (7 000 at 100k) replayed thousands. Each state
 * is ~0.5 MB, so a cold 100k build saves 200 of them (~100 MB beside ~4 GB of packs). Fixed, so
 * adding stories never moves them.
 */
export const CHECKPOINT_SPACING = 500;

/** Where a build of `count` entries saves the outputs' state: every `spacing` entries, and after the last. */
function checkpointPositions(count: number, spacing: number): number[] {
  const positions: number[] = [];
  for (let at = spacing; at < count; at += spacing) positions.push(at);
  positions.push(count);
  return positions;
}

/**
 * Whether the last build's checkpoints hold the hashes of every position a build of the same
 * `count` entries saves at (none is missing: the last build saved them all, at the same spacing).
 */
export function hashesRecorded(previous: readonly Checkpoint[], count: number, spacing: number): boolean {
  const recorded = new Set(previous.map((checkpoint) => checkpoint.at));
  return checkpointPositions(count, spacing).every((at) => recorded.has(at));
}

/** Hashes of entries that are the last build's, as its checkpoints recorded them: none to compute. */
class RecordedSequence {
  readonly #checkpoints: Map<number, Checkpoint>;

  constructor(previous: readonly Checkpoint[]) {
    this.#checkpoints = new Map(previous.map((checkpoint) => [checkpoint.at, checkpoint]));
  }

  hashAt(at: number): string | undefined {
    return this.#checkpoints.get(at)?.hash;
  }

  restAt(at: number): string | undefined {
    return this.#checkpoints.get(at)?.rest;
  }
}

/**
 * The identities of a build's entries, hashed: the prefix before each position, and the rest after
 * it (the entries up to the next position, chained with that position's rest). An entry is named by
 * where its rendered parts lie in the cache (new whenever the story is processed again) or, for a
 * story whose media failed and which outputs never see, by its file.
 *
 * A range of entries is hashed as one joined string, and the prefix as a chain of fixed blocks of
 * `spacing` entries (then the part of a block before the position), so the hash at a position does
 * not depend on which other positions are asked for: one hash update per block instead of two per
 * entry.
 */
class EntrySequence {
  readonly #prefix = new Map<number, string>();
  readonly #rest = new Map<number, string>();

  constructor(identities: readonly string[], positions: ReadonlySet<number>, before: readonly string[], spacing: number) {
    const range = (from: number, to: number) => createHash('sha256').update(`${to - from}\u0000`).update(identities.slice(from, to).join('\u0000')).digest();
    const marks = [...positions].filter((at) => at <= identities.length).sort((a, b) => a - b);
    let chain = createHash('sha256').update(before.join('\u0000')).update('\u0001').digest();
    let block = 0;
    for (const at of marks) {
      for (; (block + 1) * spacing <= at; block += 1) chain = createHash('sha256').update(chain).update(range(block * spacing, (block + 1) * spacing)).digest();
      this.#prefix.set(at, createHash('sha256').update(chain).update(range(block * spacing, at)).digest('base64url'));
    }
    let rest = '';
    let end = identities.length;
    for (const at of marks.reverse()) {
      rest = createHash('sha256').update(range(at, end)).update(rest).digest('base64url');
      this.#rest.set(at, rest);
      end = at;
    }
  }

  hashAt(at: number): string | undefined {
    return this.#prefix.get(at);
  }

  restAt(at: number): string | undefined {
    return this.#rest.get(at);
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
