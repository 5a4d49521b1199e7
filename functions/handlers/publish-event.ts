import type { SQSRecord } from 'aws-lambda';

/** One change an S3 notification reports: the content key (URL-decoded) and when S3 saw it. */
export interface ContentChange {
  key: string;
  /** The notification's `eventTime` in epoch milliseconds; absent when missing or unreadable. */
  at?: number;
}

/** The content changes an SQS record's S3 notification names; empty for `s3:TestEvent`. */
export function changesOfRecord(record: SQSRecord): ContentChange[] {
  const body = JSON.parse(record.body) as { Event?: string; Records?: Array<{ eventName?: string; eventTime?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }> };
  if (body.Event === 's3:TestEvent') return [];
  return (body.Records ?? []).flatMap((entry) => {
    const key = entry.s3?.object?.key;
    if (key === undefined) return [];
    const at = entry.eventTime === undefined ? NaN : Date.parse(entry.eventTime);
    // S3 notifications URL-encode keys with `+` for spaces (form encoding), unlike a URL path.
    return [{ key: decodeURIComponent(key.replace(/\+/g, ' ')), ...(Number.isFinite(at) && { at }) }];
  });
}

/** The scheduled direct invocation, `{ "wirefeed": "release" }` (rebuilds go to the rebuilder: rebuild-step.ts). */
export type Command = { wirefeed: 'release' };

/** True for a direct command rather than an SQS event. */
export function isCommand(event: unknown): event is Command {
  const command = (event as { wirefeed?: unknown } | null)?.wirefeed;
  return command === 'release';
}
