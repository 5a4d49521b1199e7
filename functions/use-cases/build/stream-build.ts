import type { Story } from '../../core/story.js';
import type { StoryError } from '../../core/story-error.js';
import type { SiteConfig } from '../../core/site.js';
import type { SiteFile } from '../../core/site-file.js';
import type { MediaCopy } from '../../core/media/published-photo.js';
import type { MediaCatalog } from '../../core/media/plan-media.js';
import type { ItemSink } from '../../core/outputs/item-sink.js';
import type { HeldStories } from '../../core/held-stories.js';
import { countOf } from '../../core/text/count-noun.js';
import { digest } from '../../core/text/digest.js';
import { createSiteSink } from '../../core/outputs/site-sink.js';
import type { ContentSource, StoryFile } from '../../core/ports/content-source.js';
import type { SiteOutput } from '../../core/ports/site-output.js';
import type { BuildCache, CacheManifest, MediaFingerprintEntry, OutputRecord } from '../../core/ports/build-cache.js';
import type { BuildPool, BuildThreads } from '../../core/ports/build-threads.js';
import { keepLastGood, mediaRejection, publishedRecord, reviveItem, type BuildRecord, type KeptVersion } from '../../core/build-record.js';
import { rebuildItem } from './process-story-file.js';
import { asStory, reuseCached, withParts } from './build-stories.js';
import { openBuildJobs, type BuildJobs } from './build-jobs.js';
import { templateEntry } from './build-templates.js';
import { CHECKPOINT_SPACING, hashesRecorded, OutputCheckpoints, type Carried } from './build-checkpoints.js';
import { buildDecisions } from './build-decisions.js';

/** Output-record key of a copied photo (its path already names its content). */
const MEDIA_OUTPUT = 'media';

/** Below this many files to (re)process, workers cost more to start than they save. */
const PARALLEL_FROM = 400;

/**
 * Below this many stories per thread, @cfworker/json-schema validates them sooner than ajv: ajv
 * spends ~0.5 s compiling the schema, then saves ~0.2 ms a story (measured on seed-like stories:
 * 0.41–0.46 ms vs 0.57–0.70 ms per story, parse and sanitize included).
 */
const COMPACT_VALIDATOR_BELOW = 2500;

/** Where the streaming build reads, writes and keeps its cache. */
export interface StreamBuildPorts {
  content: ContentSource;
  output: SiteOutput;
  cache: BuildCache;
  /** Threads beside the main one; none: everything runs on the main thread. */
  threads?: BuildThreads;
  /** A digest of the code that renders: a cache made by other code is not used. */
  codeVersion: () => string;
}

/** What the streaming build needs besides the site and its ports. */
export interface StreamBuildOptions {
  now: Date;
  /** Worker threads; default: one per core when enough files need processing, 0 = none. */
  workers?: number;
  progress?: (line: string) => void;
  /** Entries between saved states of the outputs; default {@link CHECKPOINT_SPACING}. */
  checkpointEvery?: number;
}

/** What a streaming build did; the same facts `buildSite` reports. */
export interface StreamBuildResult {
  published: number;
  held: HeldStories;
  rejected: StoryError[];
  /** Rejected files whose last good version stays published (`kept-version.ts`), in file order. */
  kept: KeptVersion[];
  files: number;
}

/**
 * Builds the site like `buildSite` + writing, byte for byte, without holding the archive: stories are
 * processed on worker threads into a persistent fragment cache (reused while a file's path, size and
 * mtime, its media and the renderer and site stay the same), only small records stay in memory, the
 * outputs run over template entries oldest first, and each emitted file is written as soon as it is
 * final, unless its template matches what the last build wrote there.
 */
export function streamBuild(site: SiteConfig, options: StreamBuildOptions, ports: StreamBuildPorts, extras: ItemSink[] = []): StreamBuildResult {
  // The story list first: a content folder without stories/ must not leave an empty cache behind.
  const files = ports.content.listStories();
  // Both made before any story is read, so a folder that cannot be made stops the build, naming it.
  ports.output.make();
  ports.cache.make();
  // One build at a time: another one writing this cache would share its packs and manifest.
  const unlock = ports.cache.lock();
  try {
    return buildWithCache(site, options, ports, files, extras);
  } finally {
    unlock();
  }
}

function buildWithCache(site: SiteConfig, options: StreamBuildOptions, ports: StreamBuildPorts, files: StoryFile[], extras: ItemSink[]): StreamBuildResult {
  const { content, output, cache } = ports;
  const manifest = cache.readManifest<BuildRecord>(digest(`${ports.codeVersion()}\u0000${JSON.stringify(site)}`));
  const { records, stories, todo } = reuseCached(files, manifest, content);
  const previous = manifest.stories;

  const threads = ports.threads ? (options.workers ?? (todo.length >= PARALLEL_FROM ? Math.min(ports.threads.available, 8) : 0)) : 0;
  const setup = { site, compactValidator: todo.length / Math.max(threads, 1) < COMPACT_VALIDATOR_BELOW };
  const outputs: CacheManifest<BuildRecord>['outputs'] = {};
  // Output path → its template key and how many entries the outputs had seen when they emitted it.
  const keys = new Map<string, [string, number | undefined]>();
  const onWritten = (path: string, bytes: number) => {
    const [key, emittedAt] = keys.get(path)!;
    outputs[path] = outputRecord(key, bytes, emittedAt);
    keys.delete(path);
  };
  // Each thread (the workers, then this one) appends to two new packs: fragments and parts.
  const first = manifest.nextPack;
  const packsOf = (thread: number) => ({ pack: first + thread, detailPack: first + threads + 1 + thread });
  const pool: BuildPool | undefined = threads > 0 ? ports.threads!.start(setup, packsOf, threads, onWritten) : undefined;
  const local: BuildJobs = openBuildJobs({ ...setup, ...packsOf(threads) }, { content, output, cache });
  manifest.nextPack += 2 * (threads + 1);
  try {
    let done = 0;
    // Stories showing the same photos read the same media: one fingerprint object each, not one per
    // story (eight per seed-like story arrive from the workers: ~1 KB a story, 100 MB at 100k).
    const fingerprints = new Map<string, MediaFingerprintEntry>();
    const shareFingerprint = (entry: MediaFingerprintEntry) => {
      const key = `${entry[0]}\u0000${entry[1]}\u0000${entry[2]}`;
      const known = fingerprints.get(key);
      if (known) return known;
      fingerprints.set(key, entry);
      return entry;
    };
    const onResult = (index: number, processed: { record: BuildRecord; media: MediaFingerprintEntry[] }) => {
      const file = files[index]!;
      const record = keepLastGood(processed.record, manifest.stories[file.path]?.record);
      records[index] = record;
      const stats = content.statStory(file);
      if (stats) stories[file.path] = { size: stats.size, mtimeMs: stats.mtimeMs, media: processed.media.map(shareFingerprint), record };
      done += 1;
      if (files.length >= 1000 && done % 1000 === 0) options.progress?.(`read ${done}/${todo.length} stories`);
    };
    if (pool) pool.process(todo, onResult);
    else for (const task of todo) onResult(task.index, local.process(task));
    local.flush();

    const announcesKills = extras.some((extra) => extra.kill);
    const spacing = options.checkpointEvery ?? CHECKPOINT_SPACING;
    const decisions = buildDecisions(manifest.plan, {
      previous,
      files,
      records,
      processed: todo.map(({ index }) => files[index]!.path),
      // Take-downs are announced to such outputs from the stories, which the snapshot does not keep.
      snapshotUsable: !announcesKills,
      hashesRecorded: (entries) => hashesRecorded(manifest.checkpoints, entries, spacing),
    }, cache, options);
    const { reused, entries, killItems } = decisions;

    const reader = cache.openPackReader();
    let catalog: MediaCatalog | undefined;

    let written = 0;
    // Entries the outputs have seen when they emit (what an output can depend on); undefined while
    // take-downs are announced, which are not entries.
    let seen: number | undefined;
    const trustOutputs = !cache.startWritingOutputs().previousUnfinished;
    const presence = output.presence();
    const isPresent = (path: string) => presence.has(path);
    const emit = (file: SiteFile) => {
      written += 1;
      const key = templateKey(file.body);
      const previous = trustOutputs ? manifest.outputs[file.path] : undefined;
      if (previous && previous[0] === key && isPresent(file.path)) {
        // The same record when nothing about it changed: the manifest then skips it as unchanged without comparing.
        outputs[file.path] = previous[2] === seen && previous.length <= 3 ? previous : outputRecord(key, previous[1], seen);
        return;
      }
      keys.set(file.path, [key, seen]);
      if (pool) pool.write({ path: file.path, template: file.body });
      else onWritten(file.path, local.write({ path: file.path, template: file.body }));
      if (written % 5000 === 0) options.progress?.(`wrote ${written} files`);
    };
    const copies = new Map<string, MediaCopy>();
    // Photo target → entries seen when the first and the last story showing it came.
    const shownAt = new Map<string, [number, number]>();
    const sink = createSiteSink(site, extras, decisions.names);
    let published = 0;
    // Take-downs first, as buildSite announces them.
    for (const location of killItems) for (const extra of extras) extra.kill?.({ item: reviveItem(reader.read(location)) }, emit);

    const checkpoints = new OutputCheckpoints({
      cache,
      name: String(first),
      spacing,
      count: entries,
      ...(decisions.identities && { identities: decisions.identities }),
      // Take-downs are part of what the outputs took only for those that announce them (partner feeds).
      before: announcesKills ? killItems.map((location) => location.join(':')) : [],
      previous: manifest.checkpoints,
      outputs: manifest.outputs,
      trusted: trustOutputs,
      isPresent,
      sink,
    });
    let carriedTexts = 0;
    const carry = (carried: Carried) => {
      for (let index = 0; index < carried.length; index += 1) {
        // Indexed, without destructuring (see OutputCheckpoints #carried).
        const output = carried[index]![1];
        outputs[carried[index]![0]] = output;
        if (output[0] !== MEDIA_OUTPUT) carriedTexts += 1;
      }
    };
    const resumed = checkpoints.resume();
    carry(resumed.carried);
    if (resumed.at > 0) options.progress?.(`outputs resumed after ${countOf(resumed.at, 'unchanged story', 'unchanged stories')}`);
    seen = resumed.at;
    // The outputs take no story again: the last build's counts and rejections hold as they were.
    const replays = !(reused && resumed.at === entries);
    const released = replays ? decisions.released() : [];
    // Stories the outputs refuse for their media.
    const rejected: StoryError[] = [];
    /** Counts the stories from `from` to `to`, which the outputs skip, as the last build did. */
    const skip = (from: number, to: number) => {
      for (const story of released.slice(from, to)) {
        if (story.record.detail) published += 1;
        else rejected.push(mediaRejection(story.record));
      }
    };
    if (replays) skip(0, resumed.at);
    let rejoined = !replays;
    for (const [story, parts] of withParts(released.slice(resumed.at), reader)) {
      const caughtUp = checkpoints.reached(seen);
      if (caughtUp) {
        carry(caughtUp.carried);
        skip(seen, released.length);
        options.progress?.(`outputs caught up with the last build after ${countOf(seen, 'story', 'stories')}`);
        rejoined = true;
        break;
      }
      seen += 1;
      const { record } = story;
      if (!parts) {
        rejected.push(mediaRejection(record));
        continue;
      }
      for (const copy of parts.copies) {
        copies.set(copy.target, copy);
        const shown = shownAt.get(copy.target);
        if (shown) shown[1] = seen;
        else shownAt.set(copy.target, [seen, seen]);
      }
      const { id, version, source, status, embargoedUntil } = asStory(record, story.file);
      const known: Partial<Story> = { id, version, source, status, title: parts.item.title, published: new Date(record.published), updated: new Date(record.updated), language: record.language };
      if (embargoedUntil) known.embargoedUntil = embargoedUntil;
      const entry = templateEntry(parts, known, () => (parts.feedItem ? reviveItem(reader.read(parts.feedItem)) : rebuildItem(record, story.file, content, site, (catalog ??= content.mediaCatalog()))));
      sink.add(entry, emit);
      published += 1;
    }
    if (!rejoined) checkpoints.reached(entries);
    seen = entries + 1;
    sink.finish(emit);
    pool?.drain();
    reader.close();
    output.copyMedia([...copies.values()]);

    // Photos are recorded beside the text outputs so the next build can remove them too, with the
    // first and last story showing them, here or (carried over) in a part the outputs skipped.
    for (const [target, [first, last]] of shownAt) {
      const carried = outputs[target];
      outputs[target] = [MEDIA_OUTPUT, 0, Math.min(first, carried?.[2] ?? first), Math.max(last, carried?.[3] ?? carried?.[2] ?? last)];
    }
    output.removeStale([...Object.keys(manifest.outputs), ...(manifest.formerOutputs ?? [])], new Set(Object.keys(outputs)));
    presence.settle();
    manifest.stories = stories;
    manifest.outputs = outputs;
    manifest.checkpoints = checkpoints.kept();
    const report = decisions.report(replays ? { published, rejected } : undefined);
    manifest.plan = decisions.next(report, () => livePacks(stories), (paths) => cache.saveCheckpoint(`${first}-order`, JSON.stringify(paths)));
    cache.writeManifest(manifest);
    cache.finishWritingOutputs();
    cache.prunePacks(new Set(manifest.plan.live));
    cache.pruneCheckpoints(new Set([...manifest.checkpoints.map((checkpoint) => checkpoint.file), manifest.plan.order]));
    const media = Object.values(outputs).filter(([key]) => key === MEDIA_OUTPUT).length;
    return { published: report.published, held: report.held, rejected: report.rejected, kept: report.kept, files: written + carriedTexts + media };
  } finally {
    pool?.close();
    local.close();
  }
}

/** An output's manifest record; `emittedAt` is absent for what was emitted before any entry (take-downs). */
function outputRecord(key: string, bytes: number, emittedAt: number | undefined): OutputRecord {
  return emittedAt === undefined ? [key, bytes] : [key, bytes, emittedAt];
}

/**
 * What identifies an output's template between builds. A story page's template is one short token
 * naming its pack location: kept as it is, which spares 10k hashes in a warm 10k build; longer ones
 * (feeds, pages of many items) are hashed.
 */
function templateKey(template: string): string {
  return template.length <= 40 ? `=${template}` : digest(template);
}

/** The packs the records point into: a story's fragments, page and take-down item are in one, its parts in another. */
function livePacks(stories: Record<string, { record: BuildRecord }>): Set<number> {
  const live = new Set<number>();
  for (const path in stories) {
    const record = publishedRecord(stories[path]!.record);
    if (!record) continue;
    if (record.pack !== undefined) live.add(record.pack);
    if (record.detail) live.add(record.detail[0]);
  }
  return live;
}
