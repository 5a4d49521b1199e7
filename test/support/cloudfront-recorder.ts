/**
 * A stand-in CloudFront API endpoint on 127.0.0.1 that records CreateInvalidation requests made by
 * the real SDK (`AWS_ENDPOINT_URL_CLOUDFRONT`) and answers with the XML CloudFront returns.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded invalidation. */
export interface RecordedInvalidation {
  distributionId: string;
  callerReference: string;
  paths: string[];
}

/** A running recorder. */
export interface CloudFrontRecorder {
  endpoint: string;
  invalidations: RecordedInvalidation[];
  /** Answers the next `times` CreateInvalidation requests with a 503 (fault injection). */
  failNext(times: number): void;
  stop(): Promise<void>;
}

/** Starts the recorder on a random port. */
export async function startCloudFrontRecorder(): Promise<CloudFrontRecorder> {
  const invalidations: RecordedInvalidation[] = [];
  let counter = 0;
  let failures = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'text/xml' });
        return void res.end('<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>NoSuchResource</Code><Message>not recorded</Message></Error></ErrorResponse>');
      }
      if (failures > 0) {
        failures -= 1;
        res.writeHead(503, { 'content-type': 'text/xml' });
        return void res.end('<?xml version="1.0"?><ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>injected fault</Message></Error></ErrorResponse>');
      }
      const paths = [...body.matchAll(/<Path>(.*?)<\/Path>/g)].map((found) => unescapeXml(found[1]!));
      const callerReference = unescapeXml(/<CallerReference>(.*?)<\/CallerReference>/.exec(body)?.[1] ?? '');
      invalidations.push({ distributionId: match[1]!, callerReference, paths });
      const id = `I${++counter}`;
      res.writeHead(201, { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${match[1]}/invalidation/${id}` });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>InProgress</Status>` +
          `<CreateTime>2025-01-01T00:00:00Z</CreateTime>${/<InvalidationBatch[\s\S]*<\/InvalidationBatch>/.exec(body)?.[0] ?? ''}</Invalidation>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invalidations,
    failNext: (times) => void (failures = times),
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function unescapeXml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
