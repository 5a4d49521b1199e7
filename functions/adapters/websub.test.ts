import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyHubs } from './websub.js';

/** A local hub that records what publishers send it; `/fail` answers 503. */
function startHub(): Promise<{ server: Server; url: string; received: Array<{ path: string; type?: string; form: URLSearchParams }> }> {
  const received: Array<{ path: string; type?: string; form: URLSearchParams }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', ...(request.headers['content-type'] && { type: request.headers['content-type'] }), form: new URLSearchParams(body) });
      response.writeHead(request.url === '/fail' ? 503 : 204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })));
}

describe('notifyHubs', () => {
  let hub: Awaited<ReturnType<typeof startHub>>;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => {
    hub.server.close();
  });

  it('posts hub.mode=publish with each topic URL to each hub', async () => {
    const topics = ['https://feeds.example/rss.xml', 'https://feeds.example/atom.xml'];
    const notices = await notifyHubs([`${hub.url}/`], topics);
    expect(notices.map((n) => n.status)).toEqual([204, 204]);
    expect(hub.received.map((r) => [r.type, r.form.get('hub.mode'), r.form.get('hub.url')])).toEqual([
      ['application/x-www-form-urlencoded', 'publish', topics[0]],
      ['application/x-www-form-urlencoded', 'publish', topics[1]],
    ]);
  });

  it('reports a failing or unreachable hub without throwing', async () => {
    const notices = await notifyHubs([`${hub.url}/fail`, 'http://127.0.0.1:9/'], ['https://feeds.example/rss.xml']);
    expect(notices[0]).toMatchObject({ status: 503, error: 'hub answered 503' });
    expect(notices[1]).toMatchObject({ status: 0 });
    expect(notices[1]!.error).toBeTruthy();
  });
});
