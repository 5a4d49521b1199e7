import { basename, join, relative, sep } from 'node:path';
import { watch } from 'chokidar';

/** A running watch over a content folder. */
export interface ContentWatcher {
  close(): Promise<void>;
}

/**
 * Watches what a build reads from a content folder (stories/, media/, site.json) and calls
 * `changed` on every change, without the files already there. Resolves once the folders are
 * watched, so a file added after that is seen. chokidar uses inotify through `fs.watch` (one watch
 * per folder and per file) and adds folders created later; no polling. `failed` gets the first
 * error of each kind. Hidden files (an editor's swap file, a cache) and backups (`a.json~`) are
 * no part of the site, as the preview server and the build treat them.
 */
export function watchContent(contentDir: string, changed: (path: string) => void, failed: (error: Error) => void): Promise<ContentWatcher> {
  const watcher = watch([join(contentDir, 'stories'), join(contentDir, 'media'), join(contentDir, 'site.json')], {
    ignoreInitial: true,
    ignored: (path) => relative(contentDir, path).split(sep).some((segment) => segment.startsWith('.')) || basename(path).endsWith('~'),
  });
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
