import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild, type BuildSummary } from '../../functions/handlers/build-command.js';
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

function makeTempDir(prefix: string): string {
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
  site: SiteConfig;
  summary: BuildSummary;
  errors: string[];
}

/** One feed file of a built site. */
export interface FeedFile {
  site: BuiltSite;
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

/** Builds a content folder with the real build (the CLI's `runBuild`) into a fresh temp dir. */
export function buildSite(name: string, contentDir: string, now: Date = BUILD_NOW): BuiltSite {
  const outDir = makeTempDir(`wirefeed-conformance-${name}-`);
  const errors: string[] = [];
  const summary = runBuild({ contentDir, outDir, now }, { error: (line) => errors.push(line), info: () => undefined });
  return { name, contentDir, outDir, site: summary.site, summary, errors };
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

/** Every feed file (main and sections, three formats) of a built site. */
export function feedFilesOf(site: BuiltSite): FeedFile[] {
  const folders = [''];
  try {
    for (const slug of readdirSync(join(site.outDir, 'sections')).sort()) folders.push(`sections/${slug}`);
  } catch {
    // A site with no categories has no section feeds.
  }
  return folders.flatMap((folder) =>
    Object.entries(FORMAT_OF).map(([file, format]) => {
      const relative = folder ? `${folder}/${file}` : file;
      return { site, relative, folder, path: join(site.outDir, relative), format, url: `${site.site.baseUrl}/${relative}` };
    }),
  );
}
