// The build cache's fragment packs: `pack-<n>.bin` files holding rendered fragments and story pages
// as UTF-8, appended by one writer each and read back by location. What refers to them is kept in
// the cache manifest (cache-manifest.ts).
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import type { FragmentLocation } from '../core/fragment-token.js';
import type { PackReader, PackWriter } from '../core/ports/build-cache.js';

/** Deletes pack files no record points into any more. */
export function prunePacks(cacheDir: string, live: Set<number>): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    const match = /^pack-(\d+)\.bin$/.exec(name);
    if (match && !live.has(Number(match[1]))) rmSync(join(cacheDir, name), { force: true });
  }
}

/** Fragments are gathered in a buffer this big, so a pack costs one write per ~40 stories, not five per story. */
const CHUNK = 1 << 21;

/** Opens a new pack for appending. */
export function openPackWriter(cacheDir: string, pack: number): PackWriter {
  // 'w': a pack number is never reused by a finished build, so a leftover file is from a killed one.
  const fd = openSync(join(cacheDir, `pack-${pack}.bin`), 'w');
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let offset = 0;
  const writeOut = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
  };
  const flush = () => {
    if (used > 0) writeOut(chunk.subarray(0, used));
    used = 0;
  };
  return {
    append(text) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit, so this bound never truncates.
      if (used + 3 * text.length > CHUNK) flush();
      let length: number;
      if (3 * text.length <= CHUNK) {
        length = chunk.write(text, used, 'utf8');
        used += length;
      } else {
        const bytes = Buffer.from(text, 'utf8');
        writeOut(bytes);
        length = bytes.byteLength;
      }
      const location: FragmentLocation = [pack, offset, length];
      offset += length;
      return location;
    },
    flush,
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/** Fragments at most this far apart are read together, skipping what lies between. */
const JOIN_GAP = 16 * 1024;
/** The most one joined read brings. */
const JOIN_SPAN = 1 << 20;

/** Opens the packs of a cache folder for positioned reads. */
export function openPackReader(cacheDir: string): PackReader {
  const fds = new Map<number, number>();
  let buffer = Buffer.allocUnsafe(1 << 16);
  const readInto = ([pack, offset, length]: FragmentLocation, target: Buffer, at: number) => {
    let fd = fds.get(pack);
    if (fd === undefined) {
      fd = openSync(join(cacheDir, `pack-${pack}.bin`), 'r');
      fds.set(pack, fd);
    }
    let done = 0;
    while (done < length) {
      const read = readSync(fd, target, at + done, length - done, offset + done);
      if (read === 0) throw new Error(`build cache: pack-${pack}.bin is shorter than expected; delete the cache folder`);
      done += read;
    }
  };
  const readSpan = (location: FragmentLocation) => {
    const length = location[2];
    if (buffer.byteLength < length) buffer = Buffer.allocUnsafe(length * 2);
    readInto(location, buffer, 0);
    return buffer;
  };
  return {
    read(location) {
      return readSpan(location).toString('utf8', 0, location[2]);
    },
    readMany(locations) {
      const order = locations.map((_, index) => index).sort((a, b) => locations[a]![0] - locations[b]![0] || locations[a]![1] - locations[b]![1]);
      const texts = new Array<string>(locations.length);
      for (let first = 0; first < order.length; ) {
        const [pack, start, length] = locations[order[first]!]!;
        let end = start + length;
        let last = first + 1;
        for (; last < order.length; last++) {
          const [nextPack, offset, nextLength] = locations[order[last]!]!;
          if (nextPack !== pack || offset - end > JOIN_GAP || offset + nextLength - start > JOIN_SPAN) break;
          end = Math.max(end, offset + nextLength);
        }
        const span = readSpan([pack, start, end - start]);
        for (let at = first; at < last; at++) {
          const [, offset, size] = locations[order[at]!]!;
          texts[order[at]!] = span.toString('utf8', offset - start, offset - start + size);
        }
        first = last;
      }
      return texts;
    },
    readInto,
    close() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}
