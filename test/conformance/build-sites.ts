import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFolder } from '../../functions/handlers/build-command.js';
import type { BuildSummary } from '../../functions/use-cases/build/run-build.js';
import type { SiteOverrides } from '../../functions/core/site-config.js';
import type { SiteConfig } from '../../functions/core/site.js';
import type { FeedFormat } from './reader-report.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The repo's sample content, and the conformance fixtures. */
export const CONTENT_DIR = join(REPO, 'content');
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const HARD_CASES_DIR = join(FIXTURES_DIR, 'content');
export const NINJS_EXAMPLES_DIR = join(FIXTURES_DIR, 'ninjs-examples');

/** Every build uses this clock: late enough that no fixture is embargoed or future-dated. */
export const BUILD_NOW = new Date('2030-01-01T00:00:00Z');

const tempDirs: string[] = [];

/** A fresh temp dir, removed by `removeTempDirs`. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every temp dir this module made (built sites, example content folders). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A site the suite built, with what the build said. */
export interface BuiltSite {
  name: string;
  contentDir: string;
  outDir: string;
  /** The build's clock: what is released, in MSN's window and in the news sitemap depends on it. */
  now: Date;
  site: SiteConfig;
  summary: BuildSummary;
  errors: string[];
}

/**
 * What a feed file is: a subscription feed (main or section), an RFC 5005 archive page, or a
 * partner feed (`partners/<name>/rss.xml`).
 */
export type FeedKind = 'feed' | 'archive' | 'partner';

/** One feed file of a built site. */
export interface FeedFile {
  site: BuiltSite;
  kind: FeedKind;
  /** Path relative to the site root, e.g. `sections/hard-cases/atom.xml`. */
  relative: string;
  /** Folder of the feed set relative to the site root ('' for the main feeds). */
  folder: string;
  path: string;
  format: FeedFormat;
  /** The URL the file is published at. */
  url: string;
}

const FORMAT_OF: Record<string, FeedFormat> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

/**
 * Builds a content folder with the real build (`buildFolder`, as `wirefeed build` runs it, partner
 * feeds and news sitemap included) into a fresh temp dir, or into `outDir` again. `overrides` are the
 * CLI's `--base-url` / `--limit`.
 */
export function buildSite(name: string, contentDir: string, now: Date = BUILD_NOW, overrides: SiteOverrides = {}, outDir = makeTempDir(`wirefeed-conformance-${name}-`)): BuiltSite {
  const errors: string[] = [];
  const summary = buildFolder({ contentDir, outDir, now, ...overrides }, { error: (line) => errors.push(line), info: () => undefined });
  return { name, contentDir, outDir, now, site: summary.site, summary, errors };
}

/** Site settings for the content folders made from the ninjs examples. */
const EXAMPLES_SITE = {
  title: 'IPTC ninjs examples',
  description: 'Every example shipped with the ninjs specification, as wirefeed publishes it.',
  baseUrl: 'https://wire.example.com',
  language: 'en',
  itemLimit: 50,
};

/** Makes a temp content folder holding the named ninjs example files, unmodified. */
export function examplesContent(files: string[]): string {
  const dir = makeTempDir('wirefeed-ninjs-examples-');
  mkdirSync(join(dir, 'stories'));
  for (const file of files) cpSync(join(NINJS_EXAMPLES_DIR, file), join(dir, 'stories', file));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(EXAMPLES_SITE));
  return dir;
}

/** The ninjs example file names. */
export function ninjsExampleFiles(): string[] {
  return readdirSync(NINJS_EXAMPLES_DIR).filter((name) => name.endsWith('.json')).sort();
}

/** Names in a folder of the built site, sorted; none when the folder does not exist. */
function listDir(site: BuiltSite, folder: string): string[] {
  try {
    return readdirSync(join(site.outDir, folder)).sort();
  } catch {
    return [];
  }
}

function feedFile(site: BuiltSite, kind: FeedKind, folder: string, file: string): FeedFile {
  const relative = folder ? `${folder}/${file}` : file;
  return { site, kind, relative, folder, path: join(site.outDir, relative), format: FORMAT_OF[file]!, url: `${site.site.baseUrl}/${relative}` };
}

/** Folders of the subscription feed sets of a built site: '' (main) and `sections/<slug>`. */
export function feedSetFolders(site: BuiltSite): string[] {
  return ['', ...listDir(site, 'sections').map((slug) => `sections/${slug}`)];
}

/** Every subscription feed file (main and sections, three formats) of a built site. */
export function feedFilesOf(site: BuiltSite): FeedFile[] {
  return feedSetFolders(site).flatMap((folder) => Object.keys(FORMAT_OF).map((file) => feedFile(site, 'feed', folder, file)));
}

/** Every RFC 5005 archive page (`[sections/<slug>/]archive/<n>/…`, three formats) of a built site. */
export function archiveFilesOf(site: BuiltSite): FeedFile[] {
  return feedSetFolders(site).flatMap((folder) => {
    const archive = folder ? `${folder}/archive` : 'archive';
    const pages = listDir(site, archive).map(Number).sort((a, b) => a - b);
    return pages.flatMap((n) => Object.keys(FORMAT_OF).map((file) => feedFile(site, 'archive', `${archive}/${n}`, file)));
  });
}

/** Every partner feed (`partners/<name>/rss.xml`) of a built site. */
export function partnerFilesOf(site: BuiltSite): FeedFile[] {
  return listDir(site, 'partners').map((name) => feedFile(site, 'partner', `partners/${name}`, 'rss.xml'));
}
