/** Text with its size in UTF-8 bytes, which the feed byte budget counts. */
export interface MeasuredText {
  text: string;
  bytes: number;
}

/**
 * `parts.join('')`, measured part by part. Measuring the joined text would first copy it into one
 * flat string, two bytes per character throughout when any part is two-byte; a one-byte part is
 * measured ~20× faster than the same text stored two-byte. The text stays a concatenation that V8
 * copies only when something reads it whole.
 */
export function concatMeasured(parts: readonly string[]): MeasuredText {
  let text = '';
  let bytes = 0;
  for (const part of parts) {
    text += part;
    bytes += Buffer.byteLength(part);
  }
  return { text, bytes };
}
