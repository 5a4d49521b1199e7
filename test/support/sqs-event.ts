import type { SQSEvent } from 'aws-lambda';

/**
 * An SQS event carrying one S3 `ObjectCreated`-style notification per key, keys encoded as S3
 * notifications encode them, stamped with `eventTime` as S3 stamps each notification (default: now).
 * Shared by the pipeline tests and the Lambda publish bench, so both drive the handler with the same events.
 */
export function sqsEvent(bucket: string, keys: string[], eventTime = new Date()): SQSEvent {
  return {
    Records: keys.map((key, index) => ({
      messageId: `m-${index}-${key}`,
      receiptHandle: 'r',
      body: JSON.stringify({
        Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', eventTime: eventTime.toISOString(), s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+') } } }],
      }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's3', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:wirefeed',
      awsRegion: 'us-east-1',
    })),
  };
}
