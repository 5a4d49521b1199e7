import { describe, expect, it } from 'vitest';
import { md5Hex, sourceHash } from '../../core/incremental/layout.js';
import { PreconditionFailedError } from '../../core/ports/state-store.js';
import type { PublishContext } from '../publish/publish-context.js';
import { moveImports, type ImportFile } from './move-imports.js';

/**
 * The content's moves and the records as a map, written on an ETag as S3 would: what moveImports
 * does to a record once a copy changed the ETag (the local S3 server keeps a multipart ETag on a
 * copy, which S3 does not, so the pipeline test cannot show it).
 */
function fakeContext(copies: Record<string, string | undefined>, records: Map<string, string>, publishFirst?: (key: string) => void): PublishContext {
  const state = {
    keys: { record: (hash: string) => `_wirefeed/stories/${hash}.json` },
    readJson: async (key: string) => {
      const body = records.get(key);
      return body === undefined ? undefined : { value: JSON.parse(body) as unknown, etag: md5Hex(body), body };
    },
    write: async (key: string, body: string, etag: string | undefined) => {
      publishFirst?.(key);
      if (md5Hex(records.get(key) ?? '') !== etag) throw new PreconditionFailedError(key);
      records.set(key, body);
      return md5Hex(body);
    },
  };
  const content = { moveImport: async (file: ImportFile) => copies[file.from], importOf: (key: string) => ({ key: key.replace(/^import\//, 'stories/'), from: key }) };
  return { state, content } as unknown as PublishContext;
}

const record = (key: string, etag: string) => JSON.stringify({ key, status: 'published', version: '1', etag, feeds: [''], photos: [] });
const recordKey = (key: string) => `_wirefeed/stories/${sourceHash(key)}.json`;

describe('moveImports', () => {
  it('moves each import listed (quoted ETags, as the map lists them); gives a record the copy\'s ETag only where the copy changed it; counts what stayed in import/', async () => {
    // Given: a single-part import (the copy keeps its ETag), a multipart one (the copy's ETag is the MD5 of its bytes), and one replaced since the listing
    const files = [
      { key: 'import/a.json', etag: '"aaaa"' },
      { key: 'import/b.json', etag: '"bbbb-2"' },
      { key: 'import/c.json', etag: '"cccc"' },
    ];
    const records = new Map([
      [recordKey('stories/a.json'), record('stories/a.json', 'aaaa')],
      [recordKey('stories/b.json'), record('stories/b.json', 'bbbb-2')],
    ]);
    const a = records.get(recordKey('stories/a.json'));
    // When they are moved
    const moved = await moveImports(fakeContext({ 'import/a.json': 'aaaa', 'import/b.json': 'b5b5', 'import/c.json': undefined }, records), files);
    // Then two are moved, one stays, and only the multipart one's record changed, to the copy's ETag, the rest of it as it was
    expect(moved).toEqual({ moved: 2, left: 1, records: 1 });
    expect(records.get(recordKey('stories/a.json'))).toBe(a);
    expect(records.get(recordKey('stories/b.json'))).toBe(record('stories/b.json', 'b5b5'));
  });

  it('leaves a record a publish of the copy wrote first', async () => {
    // Given: a multipart import whose copy's publish writes its record between the move's read and write
    const key = recordKey('stories/b.json');
    const records = new Map([[key, record('stories/b.json', 'bbbb-2')]]);
    const published = JSON.stringify({ ...(JSON.parse(record('stories/b.json', 'b5b5')) as object), version: '1' });
    let raced = false;
    const publishFirst = (written: string) => {
      if (raced) return;
      raced = true;
      records.set(written, published);
    };
    // When it is moved
    const moved = await moveImports(fakeContext({ 'import/b.json': 'b5b5' }, records, publishFirst), [{ key: 'import/b.json', etag: '"bbbb-2"' }]);
    // Then the publish's record stays, and the move counts no record written
    expect(moved).toEqual({ moved: 1, left: 0, records: 0 });
    expect(records.get(key)).toBe(published);
  });
});
