import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareHashes, describeChanges, hashFiles, hashFolder } from './output-hashes.js';

describe('output hashes', () => {
  it('hashes every file under a folder by its relative path, sorted', () => {
    // Given
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-hashes-'));
    mkdirSync(join(dir, 'archive', '1'), { recursive: true });
    writeFileSync(join(dir, 'rss.xml'), 'abc');
    writeFileSync(join(dir, 'archive', '1', 'rss.xml'), '');
    // When
    const hashes = hashFiles(dir);
    // Then: sha256 of the bytes (the well-known digests of "abc" and of nothing)
    expect(hashes).toEqual({
      'archive/1/rss.xml': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'rss.xml': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
    const before = hashFolder(dir);
    writeFileSync(join(dir, 'rss.xml'), 'abd');
    expect(hashFolder(dir)).not.toBe(before);
  });

  it('names the changed, added and removed paths, and counts past the listed ones', () => {
    // Given
    const recorded = { 'atom.xml': 'a', 'rss.xml': 'r', 'old.xml': 'o', ...Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`stories/s${n}.html`, 'x'])) };
    const built = { 'atom.xml': 'A', 'rss.xml': 'r', 'new.xml': 'n', ...Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`stories/s${n}.html`, 'y'])) };
    // When
    const changes = compareHashes(recorded, built);
    const account = describeChanges('site', changes);
    // Then
    expect(changes.added).toEqual(['new.xml']);
    expect(changes.removed).toEqual(['old.xml']);
    expect(changes.changed).toHaveLength(31);
    expect(account).toContain('site: 31 changed (stories/… 30, atom.xml 1):\n  atom.xml\n  stories/s0.html');
    expect(account).toContain('  … and 6 more\nsite: 1 added (new.xml 1):\n  new.xml\nsite: 1 removed (old.xml 1):\n  old.xml');
    expect(describeChanges('site', compareHashes(recorded, recorded))).toBe('');
  });
});
