import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError, NotRegularFileError, readRegularFile, streamRegularFile } from './regular-file.js';
import { tempDirs } from '../../test/support/temp-dirs.js';

const tempDir = tempDirs('regular-file');

describe('readRegularFile', () => {
  it('reads a regular file whole when it is within the limit', () => {
    const path = join(tempDir(), 'a.json');
    writeFileSync(path, '{"a":1}');
    expect(Buffer.from(readRegularFile(path, 7)).toString()).toBe('{"a":1}');
  });

  it('refuses a file over the limit, with its size', () => {
    const path = join(tempDir(), 'big.json');
    writeFileSync(path, Buffer.alloc(3000, 0x20));
    expect(() => readRegularFile(path, 2048)).toThrow(new FileTooLargeError(path, 3000, 2048));
  });

  it('applies the limit to the bytes read, not to the size the file system reports', () => {
    // /proc files are regular files whose stat size is 0, whatever they hold.
    let refused: unknown;
    try {
      readRegularFile('/proc/self/maps', 16);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(FileTooLargeError);
    // It stopped one byte past the limit: it read 17 bytes, not the whole file.
    expect((refused as FileTooLargeError).size).toBe(17);
  });

  it('refuses links to devices, FIFOs and folders without reading them', () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'folder'));
    expect(() => readRegularFile(join(dir, 'zero'), 10)).toThrow(new NotRegularFileError(join(dir, 'zero'), 'a character device'));
    expect(() => readRegularFile(join(dir, 'fifo'), 10)).toThrow(/not a regular file but a FIFO/);
    expect(() => readRegularFile(join(dir, 'folder'), 10)).toThrow(/not a regular file but a folder/);
    expect(() => streamRegularFile(join(dir, 'zero'), () => undefined)).toThrow(NotRegularFileError);
  });
});
