import { describe, expect, it } from 'vitest';
import { isRebuildStep } from './rebuild-event.js';

describe('isRebuildStep', () => {
  it('recognises the state machine\'s steps only with their run and keys, and the one-invocation rebuild', () => {
    const events = [
      { wirefeed: 'rebuild-scan', run: 'r1', keys: ['stories/a.json'] },
      { wirefeed: 'rebuild-finish', run: 'r1' },
      { wirefeed: 'rebuild' },
      { wirefeed: 'rebuild-scan', run: 'r1' },
      { wirefeed: 'rebuild-scan', run: 'r1', keys: [1] },
      { wirefeed: 'rebuild-finish' },
      { wirefeed: 'release' },
      { Records: [] },
      null,
    ];
    expect(events.map(isRebuildStep)).toEqual([true, true, true, false, false, false, false, false, false]);
  });
});
