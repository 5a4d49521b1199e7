import type { RecordCodec } from '../adapters/cache-manifest.js';
import type { MediaCopy } from '../core/media/published-photo.js';
import { isStoryRecord, type BuildRecord } from './build-record.js';

/**
 * How a BuildRecord is kept in the cache manifest: its photo copies, which every story showing the
 * same photo repeats (a third of a record's bytes with four photos), as shared values — written once
 * per manifest, and one object in memory however many stories use it.
 */
export const buildRecordCodec: RecordCodec<BuildRecord> = {
  encode(record, shared) {
    if (!isStoryRecord(record) || !record.rendered) return record;
    const copies = record.rendered.copies.map((copy) => shared.ref(`c\u0000${copy.source}\u0000${copy.target}\u0000${copy.mimeType}`, copy));
    return { ...record, rendered: { ...record.rendered, copies } };
  },
  decode(encoded, shared) {
    const record = encoded as BuildRecord;
    if (isStoryRecord(record) && record.rendered) {
      record.rendered.copies = (record.rendered.copies as unknown as number[]).map((ref) => shared.value(ref) as MediaCopy);
    }
    return record;
  },
};
