import type { SQSRecord } from 'aws-lambda';

/** The content keys an SQS record's S3 notification names (URL-decoded); empty for `s3:TestEvent`. */
export function keysOfRecord(record: SQSRecord): string[] {
  const body = JSON.parse(record.body) as { Event?: string; Records?: Array<{ eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }> };
  if (body.Event === 's3:TestEvent') return [];
  return (body.Records ?? []).flatMap((entry) => {
    const key = entry.s3?.object?.key;
    // S3 notifications URL-encode keys with `+` for spaces (form encoding), unlike a URL path.
    return key === undefined ? [] : [decodeURIComponent(key.replace(/\+/g, ' '))];
  });
}

/** A direct invocation: `{ "wirefeed": "rebuild" }` or `{ "wirefeed": "release" }`. */
export type Command = { wirefeed: 'rebuild' | 'release' };

/** True for a direct command rather than an SQS event. */
export function isCommand(event: unknown): event is Command {
  const command = (event as { wirefeed?: unknown } | null)?.wirefeed;
  return command === 'rebuild' || command === 'release';
}
