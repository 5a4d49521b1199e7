import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildFolder, type FolderBuildOptions } from '../../functions/handlers/build-command.js';
import type { ItemSink } from '../../functions/core/outputs/item-sink.js';
// The benchmark's generator: seed-like stories with four photos each and varied sections.
// @ts-expect-error plain ESM helper without types
import { seedLikeStory, generateContent } from '../../bench/generate-stories.mjs';

/** What the streaming build's tests share: content folders, a build as the CLI runs it, and the files it left. */

export const NOW = new Date('2026-01-01T00:00:00Z');

/** A content folder: generated stories plus the samples, one broken file, a duplicate and a take-down. */
export function makeContent(): string {
  const dir = generateContent(40, { itemLimit: 7 }) as string;
  cpSync('content/stories', join(dir, 'stories'), { recursive: true });
  cpSync('content/media', join(dir, 'media'), { recursive: true });
  writeFileSync(join(dir, 'stories', 'broken.json'), '{"uri": ');
  writeFileSync(join(dir, 'stories', 'story-000003-copy.json'), JSON.stringify(seedLikeStory(3)));
  const killed = seedLikeStory(5);
  writeFileSync(join(dir, 'stories', 'story-000005.json'), JSON.stringify({ ...killed, version: '2', pubStatus: 'canceled', versionCreated: '2025-06-01T00:00:00Z' }));
  return dir;
}

/** Every file under a folder (but the cache) with its bytes. */
export function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !relative(dir, path).startsWith('.wirefeed-cache')) files.set(relative(dir, path), readFileSync(path, 'latin1'));
  }
  return files;
}

export function build(contentDir: string, options: Partial<FolderBuildOptions> = {}, more: ItemSink[] = []) {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'wirefeed-stream-'));
  const errors: string[] = [];
  const info: string[] = [];
  // The build adds the partner feeds and news sitemap site.json asks for; `more` are test outputs.
  const summary = buildFolder({ contentDir, outDir, now: NOW, ...options }, { error: (line) => errors.push(line), info: (line) => info.push(line) }, more);
  const resumed = info.map((line) => /^outputs resumed after (\d+) unchanged stor(?:y|ies)$/.exec(line)?.[1]).find(Boolean);
  return { outDir, errors, info, resumedAfter: Number(resumed ?? 0), summary: { published: summary.published, held: summary.held, files: summary.files, rejected: summary.rejected.length } };
}

/** Writes story `n` again as a correction: a new version and headline, the same first publication. */
export function correct(content: string, n: number, headline: string): void {
  writeFileSync(join(content, 'stories', `story-${String(n).padStart(6, '0')}.json`), JSON.stringify({ ...seedLikeStory(n), version: '2', headlines: [{ role: 'main', value: headline }] }));
}
