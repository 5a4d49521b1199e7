/**
 * A stand-in CloudFront KeyValueStore data-plane endpoint on 127.0.0.1 for the real SDK
 * (`AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE`). It keeps keys in memory, enforces `If-Match`
 * against a store-wide ETag like the service (409 ConflictException), answers in the service's
 * REST-JSON shapes and records every request, signature headers included.
 *
 * The SDK's endpoint rules put the ARN's account id in front of the endpoint's host
 * (`123456789012.kvs.test:PORT`), so clients reach this server through `kvsRequestHandler()`,
 * an HTTP agent that resolves every name to 127.0.0.1.
 */
import { Agent, createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';

/** One request as the server received it. */
export interface RecordedKvsRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A running endpoint. */
export interface LocalKvs {
  /** Endpoint for the SDK; any host name works with `kvsRequestHandler()`. */
  endpoint: string;
  values: Map<string, string>;
  requests: RecordedKvsRequest[];
  /** The store's ETag now. */
  etag(): string;
  /** Makes the next write fail with 409 as if another writer had changed the store first. */
  interveneOnce(): void;
  stop(): Promise<void>;
}

const lookupLocal: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** The SDK `requestHandler` option that sends every request to 127.0.0.1. */
export function kvsRequestHandler(): { httpAgent: Agent } {
  return { httpAgent: new Agent({ lookup: lookupLocal }) };
}

/** Starts the endpoint on a random port. */
export async function startLocalKvs(): Promise<LocalKvs> {
  const values = new Map<string, string>();
  const requests: RecordedKvsRequest[] = [];
  let version = 1;
  let intervene = false;
  const etag = () => `KV${version.toString().padStart(8, '0')}`;
  const totals = () => ({ ItemCount: values.size, TotalSizeInBytes: [...values].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) });

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://kvs');
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const fail = (status: number, type: string, message: string) => send(status, { Message: message }, { 'x-amzn-errortype': type });
      const match = /^\/key-value-stores\/([^/]+)(\/keys(?:\/([^/]+))?)?$/.exec(url.pathname);
      if (!match) return fail(404, 'ResourceNotFoundException', `no route ${url.pathname}`);
      const kvsArn = decodeURIComponent(match[1]!);
      const key = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
      const method = req.method ?? '';

      if (!match[2] && method === 'GET') {
        return send(200, { KvsARN: kvsArn, ...totals(), Created: 1_700_000_000, LastModified: 1_700_000_000, Status: 'READY' }, { etag: etag() });
      }
      if (match[2] && key === undefined && method === 'GET') {
        const items = [...values].sort(([a], [b]) => a.localeCompare(b)).map(([Key, Value]) => ({ Key, Value }));
        return send(200, { Items: items });
      }
      if (key !== undefined && method === 'GET') {
        const value = values.get(key);
        if (value === undefined) return fail(404, 'ResourceNotFoundException', `key ${key} not found`);
        return send(200, { Key: key, Value: value, ...totals() });
      }
      if (key !== undefined && (method === 'PUT' || method === 'DELETE')) {
        if (intervene) {
          intervene = false;
          version++;
        }
        if (req.headers['if-match'] !== etag()) return fail(409, 'ConflictException', 'Pre-condition failed: ETag mismatch');
        if (method === 'PUT') {
          const parsed = JSON.parse(body) as { Value?: unknown };
          if (typeof parsed.Value !== 'string' || Buffer.byteLength(parsed.Value) > 1024) return fail(400, 'ValidationException', 'Value must be a string of at most 1 KB');
          values.set(key, parsed.Value);
        } else {
          if (!values.has(key)) return fail(404, 'ResourceNotFoundException', `key ${key} not found`);
          values.delete(key);
        }
        version++;
        return send(200, totals(), { etag: etag() });
      }
      return fail(400, 'ValidationException', `unsupported ${method} ${url.pathname}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://kvs.test:${port}`,
    values,
    requests,
    etag,
    interveneOnce: () => void (intervene = true),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
