import { firstJsonErrorOffset } from './json-error-offset.js';

/**
 * Parses JSON text; on a syntax error throws a `SyntaxError` whose message starts with where the
 * problem is, `line L, column C: …` (1-based), so a story file or site.json names the spot to fix.
 * JSON.parse stays the judge of what is JSON; V8 names the offset of only some of its errors
 * ("Unexpected token" names none), so a strict JSON scanner finds the rest.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(describeJsonError(text, error as Error), { cause: error });
  }
}

/** `line L, column C: <reason>` for a JSON.parse error of `text`, or the reason alone if no offset is known. */
function describeJsonError(text: string, error: Error): string {
  const stated = /at position (\d+)/.exec(error.message);
  const offset = stated ? Number(stated[1]) : firstJsonErrorOffset(text);
  // V8 quotes the text around the error (up to ~30 characters of the file): the line and column say where.
  const reason = error.message
    .replace(/\s*in JSON at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  return offset === undefined ? reason : `${lineAndColumn(text, offset)}: ${reason}`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}
