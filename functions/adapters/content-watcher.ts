import { relative, sep } from 'node:path';
import { watch } from 'chokidar';

/** A running watch over a content folder. */
export interface ContentWatcher {
  close(): Promise<void>;
}

/**
 * Watches what a build reads from a content folder (stories/, media/, site.json) and calls
 * `changed` on every change, without the files already there. Resolves once every folder and file
 * is watched, so a change after that is seen. chokidar uses inotify through `fs.watch` (one watch
 * per folder and per file) and adds folders created later; no polling. `failed` gets the first
 * error of each kind. Hidden files (an editor's swap file, a cache) and backups (`a.json~`) are
 * no part of the site, as the preview server and the build treat them.
 */
export function watchContent(contentDir: string, changed: (path: string) => void, failed: (error: Error) => void): Promise<ContentWatcher> {
  // One root, filtered: given the three paths, chokidar 5 says 'ready' before a large stories/
  // folder is watched (its count of pending paths is passed early), and files added then are lost.
  const watcher = watch(contentDir, { ignoreInitial: true, ignored: (path) => !isBuildInput(relative(contentDir, path)) });
  watcher.on('all', (_event, path) => changed(path));
  // chokidar holds one inotify watch per file and reports a failure per file: past the system's
  // limit (fs.inotify.max_user_watches, ENOSPC) that would be a line for each of thousands of stories.
  const reported = new Set<string>();
  watcher.on('error', (error) => {
    const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (reported.has(kind)) return;
    reported.add(kind);
    failed(error as Error);
  });
  return new Promise((resolve) => {
    watcher.once('ready', () => resolve({ close: () => watcher.close() }));
  });
}

/** Whether a path relative to the content folder is something a build reads (or the folder itself). */
function isBuildInput(path: string): boolean {
  if (path === '') return true;
  const segments = path.split(sep);
  if (segments.some((segment) => segment.startsWith('.')) || path.endsWith('~')) return false;
  return segments[0] === 'stories' || segments[0] === 'media' || path === 'site.json';
}
