import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../support/build-content.js';

/** Base URL every hostile build publishes under. */
export const BASE = 'https://wire.example.org';

/** The sample stories' uris: they must be published whatever hostile file sits beside them. */
export const SAMPLE_IDS: readonly string[] = readdirSync('content/stories')
  .filter((name) => name.endsWith('.json'))
  .map((name) => (JSON.parse(readFileSync(join('content/stories', name), 'utf8')) as { uri: string }).uri);

/** Reads one corpus file as bytes (some are deliberately not UTF-8). */
export function corpusFile(group: string, name: string): Buffer {
  return readFileSync(join('test/hostile/corpus', group, name));
}

/** Lists a corpus folder's files. */
export function corpusNames(group: string): string[] {
  return readdirSync(join('test/hostile/corpus', group)).sort();
}

/**
 * A fresh content folder: the samples from `content/` (stories, photos, site.json) plus the given
 * story files written byte for byte into `stories/`.
 */
export function contentWith(stories: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-hostile-'));
  cpSync('content', dir, { recursive: true });
  for (const [name, body] of Object.entries(stories)) writeFileSync(join(dir, 'stories', name), body);
  return dir;
}

/** Runs `wirefeed build` over a content folder, publishing under {@link BASE}. */
export function build(contentDir: string): Promise<CliRun> {
  return runCli(['build', '--content', contentDir, '--out', '$OUT', '--base-url', BASE]);
}

/** The ids in the main JSON Feed, which carries every published story (the samples fit in one page). */
export function publishedIds(run: CliRun): string[] {
  return (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string }> }).items.map((item) => item.id);
}
