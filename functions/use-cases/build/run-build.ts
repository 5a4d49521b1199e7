import { buildSite } from '../../core/build-site.js';
import type { SiteOverrides } from '../../core/site-config.js';
import type { SiteConfig } from '../../core/site.js';
import type { StoryError } from '../../core/story-error.js';
import type { HeldStories } from '../../core/held-stories.js';
import type { ItemSink } from '../../core/outputs/item-sink.js';
import { keptVersionLine } from '../../core/kept-version.js';
import { createPartnerOutputs } from '../../core/outputs/partner-outputs.js';
import type { Reporter } from '../reporter.js';
import { loadSite } from './load-site.js';
import { loadStories } from './load-stories.js';
import { streamBuild, type StreamBuildPorts } from './stream-build.js';

/** Options of a build besides where it reads and writes (its ports). */
export interface BuildOptions extends SiteOverrides {
  now: Date;
  /** Worker threads; default one per core when enough stories need rendering, 0 for none. */
  workers?: number;
  /** Build with `buildSite` in memory: no cache, no workers (the reference for the streaming build). */
  inMemory?: boolean;
  /** Stories between saved states of the outputs, which the next build resumes from; default 500 (build-checkpoints.ts). */
  checkpointEvery?: number;
  /** Print every partner preflight finding, not only one summary line per partner. */
  verbose?: boolean;
  /** Where a partner's findings can be read, for its summary line (a command to run); default: `--verbose`. */
  partnerHint?: (partner: string) => string;
}

/** Where a build reads, writes and keeps its cache. */
export type BuildPorts = StreamBuildPorts;

/** What a build did, for the exit code and the summary line. */
export interface BuildSummary {
  site: SiteConfig;
  published: number;
  held: HeldStories;
  rejected: StoryError[];
  files: number;
}

/**
 * Reads the content, builds every feed and page, the partner feeds and news sitemap its site.json
 * asks for, and any `extras`, and writes them and the photos to the output. Streams through the
 * build cache on worker threads (see stream-build.ts); `inMemory` runs the plain `buildSite` path
 * instead (the reference it must equal).
 */
export function runBuild(options: BuildOptions, ports: BuildPorts, reporter: Reporter, extras: ItemSink[] = []): BuildSummary {
  const site = loadSite(ports.content, options);
  // Partner feeds and the news sitemap come with every build; their preflight findings are partner
  // policy, reported but never a failed build. One line per partner by default: the sample content
  // alone has dozens of findings, which buried the build's own lines. MSN kills go only for what its
  // feed carried before.
  const partners = createPartnerOutputs(site, options.now, ports.cache.readPartnerLedger());
  const outputs = [...partners.sinks, ...extras];
  const summary = options.inMemory ? buildInMemory(options, ports, site, reporter, outputs) : buildStreaming(options, ports, site, reporter, outputs);
  // Saved once the feeds are written: an id enters the ledger only when a partner could fetch it.
  ports.cache.writePartnerLedger(partners.carried());
  if (options.verbose) for (const line of partners.reportLines()) reporter.info(line);
  const hint = options.partnerHint ?? (() => 'see --verbose for details');
  for (const line of partners.summaryLines(hint)) reporter.info(line);
  return summary;
}

function buildStreaming(options: BuildOptions, ports: BuildPorts, site: SiteConfig, reporter: Reporter, extras: ItemSink[]): BuildSummary {
  const build = streamBuild(site, { ...options, progress: (line) => reporter.info(line) }, ports, extras);
  for (const error of build.rejected) for (const line of error.lines()) reporter.error(line);
  for (const { file, version, rejection } of build.kept) reporter.error(keptVersionLine(file, version, rejection.problems));
  return { site, published: build.published, held: build.held, rejected: build.rejected, files: build.files };
}

function buildInMemory(options: BuildOptions, ports: BuildPorts, site: SiteConfig, reporter: Reporter, extras: ItemSink[]): BuildSummary {
  const { content, output } = ports;
  const files = content.listStories();
  const progress = files.length >= 1000 ? (done: number, total: number) => reporter.info(`read ${done}/${total} stories`) : undefined;
  const loaded = loadStories(files, content, site.baseUrl, progress);
  output.make();
  const build = buildSite({ site, stories: loaded.stories, catalog: content.mediaCatalog(), now: options.now }, extras);
  output.write(build.files);
  output.copyMedia(build.copies);
  const rejected = [...loaded.rejected, ...build.rejected];
  for (const error of rejected) for (const line of error.lines()) reporter.error(line);
  return { site, published: build.published, held: build.held, rejected, files: build.files.length + build.copies.length };
}
