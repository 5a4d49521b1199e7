import { describe, expect, it } from 'vitest';
import { isRebuildStep } from './rebuild-event.js';

describe('isRebuildStep', () => {
  it('recognises the state machine\'s steps only with their run, keys, partition size and partition, and the one-invocation rebuild', () => {
    const events = [
      { wirefeed: 'rebuild-scan', run: 'r1', keys: ['stories/a.json'] },
      { wirefeed: 'rebuild-order', run: 'r1', partitionStories: 2000 },
      { wirefeed: 'rebuild-render', run: 'r1', partition: 0 },
      { wirefeed: 'rebuild-finish', run: 'r1' },
      { wirefeed: 'rebuild' },
      { wirefeed: 'rebuild-render', run: 'r1' },
      { wirefeed: 'rebuild-render', run: 'r1', partition: -1 },
      { wirefeed: 'rebuild-order', run: 'r1' },
      { wirefeed: 'rebuild-order', run: 'r1', partitionStories: 0 },
      { wirefeed: 'rebuild-scan', run: 'r1' },
      { wirefeed: 'rebuild-scan', run: 'r1', keys: [1] },
      { wirefeed: 'rebuild-finish' },
      { wirefeed: 'release' },
      { Records: [] },
      null,
    ];
    expect(events.map(isRebuildStep)).toEqual([true, true, true, true, true, false, false, false, false, false, false, false, false, false, false]);
  });

  it('recognises the cut and archive-page steps, and a run\'s instant only as a date', () => {
    const events = [
      { wirefeed: 'rebuild-cut', run: 'r1', partitions: [{ partition: 0, stories: 3 }], pageItems: 2000 },
      { wirefeed: 'rebuild-pages', run: 'r1', batch: 0 },
      { wirefeed: 'rebuild-finish', run: 'r1', now: '2026-12-07T21:00:00.000Z' },
      { wirefeed: 'rebuild-cut', run: 'r1', partitions: [], pageItems: 0 },
      { wirefeed: 'rebuild-cut', run: 'r1', pageItems: 10 },
      { wirefeed: 'rebuild-pages', run: 'r1', batch: -1 },
      { wirefeed: 'rebuild-finish', run: 'r1', now: 'yesterday' },
      { wirefeed: 'rebuild-render', run: 'r1', partition: 0, now: 1 },
    ];
    expect(events.map(isRebuildStep)).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('recognises the move of a batch of imports by its listed keys and ETags, and the close only with a count of imports', () => {
    const events = [
      { wirefeed: 'rebuild-move', files: [{ key: 'import/a.json', etag: '"0cc175b9c0f1b6a831c399e269772661"' }] },
      { wirefeed: 'rebuild-move', files: [] },
      { wirefeed: 'rebuild-close', run: 'r1', summary: {}, swept: [], imported: 3 },
      { wirefeed: 'rebuild-move', files: [{ key: 'import/a.json' }] },
      { wirefeed: 'rebuild-move', keys: ['import/a.json'] },
      { wirefeed: 'rebuild-close', run: 'r1', summary: {}, swept: [], imported: -1 },
      { wirefeed: 'rebuild-close', run: 'r1', summary: {}, swept: [], imported: '3' },
    ];
    expect(events.map(isRebuildStep)).toEqual([true, true, true, false, false, false, false]);
  });
});
