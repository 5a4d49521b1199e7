import { describe, expect, it } from 'vitest';
import type { SQSRecord } from 'aws-lambda';
import { changesOfRecord, isCommand, publisherInvocation } from './publish-event.js';

const record = (body: unknown) => ({ body: JSON.stringify(body) }) as SQSRecord;

describe('changesOfRecord', () => {
  it('decodes S3 notification keys (+ is a space, %xx escapes)', () => {
    expect(changesOfRecord(record({ Records: [{ s3: { object: { key: 'wire/stories/caf%C3%A9+news.json' } } }] }))).toEqual([{ key: 'wire/stories/café news.json' }]);
  });

  it('reads when S3 saw each change, and leaves out a time it cannot read', () => {
    const changes = changesOfRecord(
      record({
        Records: [
          { eventTime: '2026-12-07T06:00:00.123Z', s3: { object: { key: 'stories/a.json' } } },
          { eventTime: 'yesterday', s3: { object: { key: 'stories/b.json' } } },
        ],
      }),
    );
    expect(changes).toEqual([{ key: 'stories/a.json', at: Date.UTC(2026, 11, 7, 6, 0, 0, 123) }, { key: 'stories/b.json' }]);
  });

  it('ignores the s3:TestEvent sent when notifications are configured', () => {
    expect(changesOfRecord(record({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' }))).toEqual([]);
  });
});

describe('isCommand', () => {
  it('recognises only the release invocation (rebuilds go to the rebuilder)', () => {
    expect([{ wirefeed: 'rebuild' }, { wirefeed: 'release' }, { wirefeed: 'other' }, { Records: [] }, null].map(isCommand)).toEqual([false, true, false, false, false]);
  });
});

describe('publisherInvocation', () => {
  it('takes the release command and SQS batches, and refuses a rebuild command by name', () => {
    expect(publisherInvocation({ wirefeed: 'release' })).toEqual({ wirefeed: 'release' });
    expect(publisherInvocation({ Records: [] })).toEqual({ Records: [] });
    expect(() => publisherInvocation({ wirefeed: 'rebuild' })).toThrow(/not \{"wirefeed":"rebuild"\}; a rebuild is an execution of the rebuild state machine/);
    expect(() => publisherInvocation(null)).toThrow(/the publisher takes SQS batches/);
  });
});
