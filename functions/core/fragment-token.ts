/**
 * Rendered fragments can stand in a text as tokens naming where their UTF-8 bytes are kept (a
 * build cache pack, the payload of a state object read from S3). Feeds and pages are assembled
 * around fragments verbatim, so a text rendered from tokens is a small template, and expanding it
 * copies each fragment's bytes straight into the output: the megabytes of a feed are never decoded
 * into strings and encoded back. NUL never survives escaping (XML drops it, JSON writes `\u0000`),
 * so a token cannot be confused with content.
 */
const TOKEN_PATTERN = '\u0000wf:(\\d+):(\\d+):(\\d+)\u0000';
const TOKEN = new RegExp(TOKEN_PATTERN, 'g');
const SOLE_TOKEN = new RegExp(`^${TOKEN_PATTERN}$`);

/** Where a fragment's bytes lie: which store (pack, payload), the offset and the length in bytes. */
export type FragmentLocation = [store: number, offset: number, length: number];

/** Copies the bytes at a location into `target` at `at`. */
export interface FragmentSource {
  readInto(location: FragmentLocation, target: Buffer, at: number): void;
}

/** The token standing for the bytes at `location`. */
export function tokenOf([store, offset, length]: FragmentLocation): string {
  return `\u0000wf:${store}:${offset}:${length}\u0000`;
}

/** True when the text holds at least one token. */
export function hasTokens(text: string): boolean {
  return text.includes('\u0000');
}

/** The location a text that is exactly one token names; undefined for any other text. */
export function soleToken(text: string): FragmentLocation | undefined {
  if (text.charCodeAt(0) !== 0 || text.indexOf('\u0000', 1) !== text.length - 1) return undefined;
  const match = SOLE_TOKEN.exec(text);
  return match ? locationOf(match) : undefined;
}

/** The location a token's match names. */
function locationOf(match: RegExpMatchArray): FragmentLocation {
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The exact bytes of a template, expanded into `scratch` (grown when too small) without decoding the
 * fragments: the source holds them as UTF-8 already, so they are copied straight into the output
 * buffer. Returns a view of the scratch buffer, valid until the next call with the same scratch.
 */
export function expandTemplateBytes(template: string, source: FragmentSource, scratch: { buffer: Buffer }): Buffer {
  const parts: Array<string | FragmentLocation> = [];
  let size = 0;
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const literal = template.slice(last, match.index);
    const location = locationOf(match);
    parts.push(literal, location);
    size += Buffer.byteLength(literal, 'utf8') + location[2];
    last = match.index + match[0].length;
  }
  const tail = template.slice(last);
  parts.push(tail);
  size += Buffer.byteLength(tail, 'utf8');
  if (scratch.buffer.byteLength < size) scratch.buffer = Buffer.allocUnsafe(Math.max(size, 2 * scratch.buffer.byteLength));
  const out = scratch.buffer;
  let at = 0;
  for (const part of parts) {
    if (typeof part === 'string') at += out.write(part, at, 'utf8');
    else {
      source.readInto(part, out, at);
      at += part[2];
    }
  }
  return out.subarray(0, at);
}
