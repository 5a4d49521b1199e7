/**
 * Characters that let a file name rewrite the message it appears in: C0 and C1 controls (a newline
 * starts a forged `error:` line, ESC drives the terminal, CR overwrites the line), the Unicode line
 * and paragraph separators, bidi controls that reorder what follows (Trojan Source, CVE-2021-42574)
 * and lone surrogates.
 */
const FORGING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const FORGING_GLOBAL = new RegExp(FORGING.source, 'gu');

/**
 * A file name as messages show it: unchanged when it holds none of those characters (every
 * ordinary name), else quoted as a JSON string with each of them escaped (`"a\nb.json"`), so the
 * message stays one line that says what it says.
 */
export function escapeFileName(name: string): string {
  if (!FORGING.test(name)) return name;
  // JSON.stringify escapes C0 controls and lone surrogates; the others pass through it as they are.
  return JSON.stringify(name).replace(FORGING_GLOBAL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
