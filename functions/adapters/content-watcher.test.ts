import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchContent } from './content-watcher.js';

/** A content folder with `files` empty files in stories/ (not stories: only the watcher's load). */
function contentFolder(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-watch-'));
  for (const folder of ['stories', 'media', 'drafts']) mkdirSync(join(dir, folder));
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'stories', `note-${i}.txt`), '');
  return dir;
}

describe('watchContent', () => {
  it('sees changes made as soon as it is ready, even beside 10,000 files', async () => {
    // Given: a large stories/ folder, watched
    const dir = contentFolder(10_000);
    const seen = new Set<string>();
    const watcher = await watchContent(dir, (path) => seen.add(relative(dir, path)), (error) => {
      throw error;
    });
    try {
      // When: a story, a photo and site.json are written at once
      writeFileSync(join(dir, 'stories', 'new.json'), '{}');
      writeFileSync(join(dir, 'media', 'new.jpg'), 'x');
      writeFileSync(join(dir, 'site.json'), '{}');
      // Then: every one of them is reported
      await expect.poll(() => [...seen].sort(), { timeout: 5_000 }).toEqual(['media/new.jpg', 'site.json', 'stories/new.json']);
    } finally {
      await watcher.close();
    }
  });

  it('ignores what a build does not read: other folders, hidden files, backups', async () => {
    // Given
    const dir = contentFolder(0);
    const seen: string[] = [];
    const watcher = await watchContent(dir, (path) => seen.push(relative(dir, path)), (error) => {
      throw error;
    });
    try {
      // When: files nobody builds are written, then one story
      writeFileSync(join(dir, 'drafts', 'draft.json'), '{}');
      writeFileSync(join(dir, 'stories', '.new.json.swp'), '');
      writeFileSync(join(dir, 'stories', 'old.json~'), '');
      writeFileSync(join(dir, 'notes.txt'), '');
      writeFileSync(join(dir, 'stories', 'story.json'), '{}');
      // Then: only the story is reported
      await expect.poll(() => seen, { timeout: 5_000 }).toContain('stories/story.json');
      expect(seen).toEqual(['stories/story.json']);
    } finally {
      await watcher.close();
    }
  });
});
