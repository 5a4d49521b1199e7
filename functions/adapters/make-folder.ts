import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { escapeFileName } from '../core/text/escape-file-name.js';

/** A folder that cannot be made; the message names it. */
export class FolderError extends Error {
  override readonly name = 'FolderError';
}

/**
 * Makes a folder and its missing parents, like `mkdir -p`, in a bounded number of steps: one
 * `mkdir` per missing level on the way up, one per level on the way down. Node's own
 * `mkdirSync(path, { recursive: true })` never returns when `mkdir` answers ENOENT under a parent
 * that exists (anything under `/proc`, a dangling link): it makes the parent (EEXIST), retries the
 * child (ENOENT) and loops forever. `what` names the folder's role in the message.
 */
export function makeFolder(path: string, what = 'folder'): void {
  const target = resolve(path);
  if (isFolder(target)) return;
  const fail = (error: unknown): never => {
    throw new FolderError(`cannot make the ${what} ${escapeFileName(path)}: ${describe(error)}`, { cause: error });
  };
  // Up: the levels that are missing, nearest first; stops at the first that exists or cannot be made.
  const missing: string[] = [];
  for (let at = target; ; at = dirname(at)) {
    try {
      mkdirSync(at);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        if (isFolder(at)) break;
        fail(new Error(`${escapeFileName(at)} is in the way and is not a folder (a file, or a link to nothing)`));
      }
      if (code !== 'ENOENT' || dirname(at) === at) fail(error);
      missing.push(at);
    }
  }
  // Down: each missing level once, below a parent that now exists; a failure here is final.
  for (let index = missing.length - 1; index >= 0; index -= 1) {
    try {
      mkdirSync(missing[index]!);
    } catch (error) {
      // Made by someone else meanwhile (another build making the same parent) is as good.
      if (!((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(missing[index]!))) fail(error);
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `ENOENT: no such file or directory` from a system error, without Node's unescaped path after it. */
function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === undefined) return message;
  const text = message.startsWith(`${code}: `) ? message.slice(code.length + 2).split(', ')[0] : undefined;
  return text ? `${code}: ${text}` : code;
}
