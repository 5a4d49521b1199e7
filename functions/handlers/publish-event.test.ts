import { describe, expect, it } from 'vitest';
import type { SQSRecord } from 'aws-lambda';
import { isCommand, keysOfRecord } from './publish-event.js';

const record = (body: unknown) => ({ body: JSON.stringify(body) }) as SQSRecord;

describe('keysOfRecord', () => {
  it('decodes S3 notification keys (+ is a space, %xx escapes)', () => {
    expect(keysOfRecord(record({ Records: [{ s3: { object: { key: 'wire/stories/caf%C3%A9+news.json' } } }] }))).toEqual(['wire/stories/café news.json']);
  });

  it('ignores the s3:TestEvent sent when notifications are configured', () => {
    expect(keysOfRecord(record({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' }))).toEqual([]);
  });
});

describe('isCommand', () => {
  it('recognises only the two direct invocations', () => {
    expect([{ wirefeed: 'rebuild' }, { wirefeed: 'release' }, { wirefeed: 'other' }, { Records: [] }, null].map(isCommand)).toEqual([true, true, false, false, false]);
  });
});
