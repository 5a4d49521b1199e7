import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification a hub received. */
export interface HubRequest {
  path: string;
  contentType?: string;
  form: URLSearchParams;
}

/** A local WebSub hub on 127.0.0.1 that records publish notifications; `/fail` answers 503. */
export interface LocalHub {
  url: string;
  received: HubRequest[];
  stop(): Promise<void>;
}

/** Starts a recording hub on a free port. */
export function startLocalHub(): Promise<LocalHub> {
  const received: HubRequest[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', ...(request.headers['content-type'] && { contentType: request.headers['content-type'] }), form: new URLSearchParams(body) });
      response.writeHead(request.url === '/fail' ? 503 : 204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        stop: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}
