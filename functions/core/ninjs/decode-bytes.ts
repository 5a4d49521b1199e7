/** A story file's text, or why its bytes are not UTF-8 text. */
export type DecodedBytes = { text: string } | { problem: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Decodes a story file as UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8). The
 * usual wrong encodings get a message that says what to do: UTF-16 from a Windows editor (with its
 * byte order mark, or recognised by NUL bytes between ASCII characters), and Latin-1/cp1252 bytes,
 * located by line and byte offset so the bad character can be found.
 */
export function decodeStoryBytes(input: string | Uint8Array): DecodedBytes {
  if (typeof input === 'string') return { text: input };
  const utf16 = utf16Hint(input);
  if (utf16) return { problem: `not UTF-8 but UTF-16 (${utf16}); save the file as UTF-8` };
  try {
    return { text: strictUtf8.decode(input) };
  } catch {
    return { problem: `not valid UTF-8: ${locateInvalidByte(input)}; save the file as UTF-8` };
  }
}

function utf16Hint(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian byte order mark';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian byte order mark';
  // JSON starts with ASCII; in UTF-16 without a mark, every ASCII character has a NUL beside it.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[3] === 0) return 'little-endian, NUL bytes between characters';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0) return 'big-endian, NUL bytes between characters';
  return undefined;
}

/**
 * Finds the first byte the strict decoder refused. The lenient decoder turns each bad sequence into
 * U+FFFD; one that the file really holds (EF BF BD) is skipped. Everything before the first bad
 * sequence decoded exactly, so its UTF-8 length is the byte offset.
 */
function locateInvalidByte(bytes: Uint8Array): string {
  const text = lenientUtf8.decode(bytes);
  let from = 0;
  for (;;) {
    const at = text.indexOf('\ufffd', from);
    if (at === -1) return 'a truncated character at the end';
    const prefix = text.slice(0, at);
    const offset = Buffer.byteLength(prefix);
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) {
      from = at + 1;
      continue;
    }
    const line = prefix.split('\n').length;
    return `byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')} on line ${line} (byte offset ${offset})`;
  }
}
