import { buildSite } from '../core/build-site.js';
import { parseSiteConfig, type SiteOverrides } from '../core/site-config.js';
import type { SiteConfig } from '../core/site.js';
import type { StoryError } from '../core/story-error.js';
import type { HeldStories } from '../core/held-stories.js';
import { checkContentFolder, fsMediaCatalog, listStoryFiles, readSiteJson } from '../adapters/fs-content.js';
import { copyMedia, writeSiteFiles } from '../adapters/fs-site.js';
import { makeFolder } from '../adapters/make-folder.js';
import { loadStories } from './load-stories.js';
import type { ItemSink } from '../core/outputs/item-sink.js';
import { defaultCacheDir, streamBuild } from './stream-build.js';
import { partnerLedgerPath, readPartnerLedger, writePartnerLedger } from '../adapters/partner-ledger.js';
import { keptVersionLine } from '../core/kept-version.js';
import { createPartnerOutputs } from '../core/outputs/partner-outputs.js';

/** Where the CLI reports to; the real one is stderr, tests pass their own. */
export interface Reporter {
  error(line: string): void;
  info(line: string): void;
}

/** The latest time a Date can hold (ECMAScript §21.4.1.1). */
const LAST_DATE = new Date(8.64e15);

/** Options of `wirefeed build`. */
export interface BuildOptions extends SiteOverrides {
  contentDir: string;
  outDir: string;
  now: Date;
  /** Fragment cache folder; default `.wirefeed-cache/<out name>` beside the output folder (stream-build.ts `defaultCacheDir`). */
  cacheDir?: string;
  /** Worker threads; default one per core when enough stories need rendering, 0 for none. */
  workers?: number;
  /** Build with `buildSite` in memory: no cache, no workers (the reference for the streaming build). */
  inMemory?: boolean;
  /** Stories between saved states of the outputs, which the next build resumes from; default grows with the archive (build-checkpoints.ts). */
  checkpointEvery?: number;
  /** Print every partner preflight finding, not only one summary line per partner. */
  verbose?: boolean;
  /** Where a partner's findings can be read, for its summary line (a command to run); default: `--verbose`. */
  partnerHint?: (partner: string) => string;
}

/** What a build did, for the exit code and the summary line. */
export interface BuildSummary {
  site: SiteConfig;
  published: number;
  held: HeldStories;
  rejected: StoryError[];
  files: number;
}

/**
 * Reads a content folder, builds every feed and page, the partner feeds and news sitemap its
 * site.json asks for, and any `extras`, writes
 * them and the photos to `outDir`. Streams through a fragment cache on worker threads (see
 * stream-build.ts); `inMemory` runs the plain `buildSite` path instead (the reference it must equal).
 */
export function runBuild(options: BuildOptions, reporter: Reporter, extras: ItemSink[] = []): BuildSummary {
  const site = loadSite(options);
  // Partner feeds and the news sitemap come with every build; their preflight findings are partner
  // policy, reported but never a failed build. One line per partner by default: the sample content
  // alone has dozens of findings, which buried the build's own lines. MSN kills go only for what its
  // feed carried before.
  const ledger = partnerLedgerPath(options.cacheDir ?? defaultCacheDir(options.outDir));
  const partners = createPartnerOutputs(site, options.now, readPartnerLedger(ledger));
  const outputs = [...partners.sinks, ...extras];
  const summary = options.inMemory ? buildInMemory(options, site, reporter, outputs) : buildStreaming(options, site, reporter, outputs);
  // Saved once the feeds are written: an id enters the ledger only when a partner could fetch it.
  writePartnerLedger(ledger, partners.carried());
  if (options.verbose) for (const line of partners.reportLines()) reporter.info(line);
  const hint = options.partnerHint ?? (() => 'see --verbose for details');
  for (const line of partners.summaryLines(hint)) reporter.info(line);
  return summary;
}

function buildStreaming(options: BuildOptions, site: SiteConfig, reporter: Reporter, extras: ItemSink[]): BuildSummary {
  const build = streamBuild(site, { ...options, progress: (line) => reporter.info(line) }, extras);
  for (const error of build.rejected) for (const line of error.lines()) reporter.error(line);
  for (const { file, version, rejection } of build.kept) reporter.error(keptVersionLine(file, version, rejection.problems));
  return { site, published: build.published, held: build.held, rejected: build.rejected, files: build.files };
}

function buildInMemory(options: BuildOptions, site: SiteConfig, reporter: Reporter, extras: ItemSink[]): BuildSummary {
  const files = listStoryFiles(options.contentDir);
  const progress = files.length >= 1000 ? (done: number, total: number) => reporter.info(`read ${done}/${total} stories`) : undefined;
  const loaded = loadStories(files, site.baseUrl, progress);
  makeFolder(options.outDir, 'output folder');
  const build = buildSite({ site, stories: loaded.stories, catalog: fsMediaCatalog(options.contentDir), now: options.now }, extras);
  writeSiteFiles(options.outDir, build.files);
  copyMedia(options.contentDir, options.outDir, build.copies);
  const rejected = [...loaded.rejected, ...build.rejected];
  for (const error of rejected) for (const line of error.lines()) reporter.error(line);
  return { site, published: build.published, held: build.held, rejected, files: build.files.length + build.copies.length };
}

/** Checks every story as a build would, writing nothing. */
export function runValidate(options: Omit<BuildOptions, 'outDir' | 'now'>, reporter: Reporter): { checked: number; rejected: StoryError[] } {
  const site = loadSite(options);
  const files = listStoryFiles(options.contentDir);
  const loaded = loadStories(files, site.baseUrl);
  // Media and duplicates are checked by the same code a build runs; its output is discarded. The
  // latest representable time releases every embargo, so embargoed stories are checked too.
  const build = buildSite({ site, stories: loaded.stories, catalog: fsMediaCatalog(options.contentDir), now: LAST_DATE });
  const rejected = [...loaded.rejected, ...build.rejected];
  for (const error of rejected) for (const line of error.lines()) reporter.error(line);
  return { checked: files.length, rejected };
}

/**
 * Runs one partner's preflight over a content folder as a build would (same site, stories and
 * clock), writing nothing, and prints every finding: what a build's summary line points to.
 */
export function runPartnerCheck(options: Omit<BuildOptions, 'outDir'> & { partner: string }, reporter: Reporter): { leftOut: number } {
  const site = loadSite(options);
  const names = (site.partners ?? []).map((partner) => partner.name);
  if (!names.includes(options.partner)) {
    throw new Error(`--partner: site.json has no partner ${JSON.stringify(options.partner)}${names.length > 0 ? ` (it has ${names.join(', ')})` : ''}`);
  }
  const partners = createPartnerOutputs({ ...site, partners: site.partners!.filter((partner) => partner.name === options.partner) }, options.now);
  const loaded = loadStories(listStoryFiles(options.contentDir), site.baseUrl);
  const build = buildSite({ site, stories: loaded.stories, catalog: fsMediaCatalog(options.contentDir), now: options.now }, partners.sinks);
  for (const error of [...loaded.rejected, ...build.rejected]) for (const line of error.lines()) reporter.error(line);
  for (const line of partners.reportLines()) reporter.info(line);
  const [summary] = partners.summaryLines(() => 'details above');
  reporter.info(summary!);
  const leftOut = new Set(partners.reports().filter((report) => report.excluded).map((report) => report.subject)).size;
  return { leftOut };
}

/** The site a command in `contentDir` works for: site.json with the overrides, checked. */
export function loadSite(options: SiteOverrides & { contentDir: string }): SiteConfig {
  checkContentFolder(options.contentDir);
  const siteJson = readSiteJson(options.contentDir);
  return parseSiteConfig(siteJson?.json, options, siteJson?.file);
}
