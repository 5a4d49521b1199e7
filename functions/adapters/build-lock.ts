import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolder } from './make-folder.js';

/**
 * One build at a time per cache: two builds of the same output folder (a scheduled build running
 * into a manual one) would append to the same packs and manifest and leave both damaged. The lock
 * is a file beside the cache folder, not in it (a cache whose renderer or site changed is deleted
 * whole), holding the builder's process id; one left by a build that no longer runs (killed) is
 * taken over. Returns the release.
 */
export function lockBuild(cacheDir: string): () => void {
  const path = `${cacheDir}.lock`;
  makeFolder(dirname(path), 'cache folder');
  // Written beside the lock and linked to its name: the lock never exists without its holder's id.
  const claim = `${path}.${process.pid}.tmp`;
  writeFileSync(claim, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(claim, path);
        return () => rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = holderOf(path);
      // This process's own id can only be left by an earlier build of it: a build runs synchronously.
      if (holder !== undefined && holder !== process.pid && isRunning(holder)) {
        throw new Error(`another build (process ${holder}) is writing this output folder: wait for it to end, or delete ${path} if no build is running`);
      }
      // Left by a build that ended without releasing it (or released as we looked): take it over.
      rmSync(path, { force: true });
    }
    throw new Error(`could not lock ${path}: other builds keep taking it`);
  } finally {
    rmSync(claim, { force: true });
  }
}

/** The process id in a lock file; undefined when it is gone or unreadable. */
function holderOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
