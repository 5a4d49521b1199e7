import { escapeFileName } from './escape-file-name.js';

/** A word as a POSIX shell reads it back: plain when safe, else single-quoted; escaped for the terminal. */
export function shellWord(word: string): string {
  return escapeFileName(/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
}
