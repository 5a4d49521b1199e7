import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Reading content files that may be hostile: a story, `site.json` or a photo that is a symbolic
 * link to `/dev/zero`, a FIFO or a folder (git carries links into a content folder) must be
 * refused, never read: `/dev/zero` has no end, and a FIFO blocks the build forever.
 */

/** A path that is not a regular file (after following links), so it is never read. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';

  constructor(
    readonly path: string,
    /** What the path is instead, e.g. `a character device`. */
    readonly kind: string,
  ) {
    super(`not a regular file but ${kind}`);
  }
}

/** A regular file with more bytes than the caller reads; at most `limit + 1` of them were read. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';

  constructor(
    readonly path: string,
    /** Its size as far as known: the larger of its stat size and the bytes read. */
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${size} bytes; the limit is ${limit}`);
  }
}

// O_NONBLOCK: if a FIFO replaces the file between the check and the open, opening it must not wait for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file, refusing anything else, and reads at most `maxBytes + 1` bytes of it
 * whatever its size says: the limit holds for a file that grows while it is read. The path is
 * checked before it is opened (opening some devices has effects of its own) and the open file
 * again (it may have been swapped meanwhile).
 */
export function readRegularFile(path: string, maxBytes: number): Uint8Array {
  refuseIrregular(path, statSync(path));
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    refuseIrregular(path, stats);
    const cap = maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= cap) break;
        const larger = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new FileTooLargeError(path, Math.max(stats.size, length), maxBytes);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Bytes read per call when a regular file is streamed whole (photos, for their hash). */
const CHUNK = 256 * 1024;

/**
 * Streams a regular file to `take`, chunk by chunk, refusing anything else; returns the bytes read.
 * A photo has no size limit of its own, but being a regular file it ends.
 */
export function streamRegularFile(path: string, take: (chunk: Uint8Array) => void): number {
  refuseIrregular(path, statSync(path));
  const fd = openSync(path, OPEN_FLAGS);
  try {
    refuseIrregular(path, fstatSync(fd));
    const buffer = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0; read = readSync(fd, buffer, 0, CHUNK, null)) {
      take(buffer.subarray(0, read));
      total += read;
    }
    return total;
  } finally {
    closeSync(fd);
  }
}

function refuseIrregular(path: string, stats: Stats): void {
  if (stats.isFile()) return;
  throw new NotRegularFileError(path, kindOf(stats));
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'something else';
}
