import type { SQSEvent, SQSRecord } from 'aws-lambda';

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

/**
 * What the publisher was invoked with: the scheduled release or an SQS batch. Anything else, a
 * rebuild command among them, is refused by name before any work: rebuilds run on the rebuilder.
 */
export function publisherInvocation(event: unknown): Command | SQSEvent {
  if (isCommand(event)) return event;
  if (Array.isArray((event as { Records?: unknown } | null)?.Records)) return event as SQSEvent;
  throw new Error(`the publisher takes SQS batches and {"wirefeed":"release"}, not ${JSON.stringify(event)?.slice(0, 200)}; a rebuild is an execution of the rebuild state machine (docs/deploy.md, "Rebuild")`);
}
