import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startConditionalProxy, type ConditionalProxy } from './conditional-proxy.js';

/**
 * The proxy stands for S3 in the pipeline tests and the burst bench, where a request it never
 * answers stalls the run (the SDK has no request timeout). These upstreams fail the way a reused
 * keep-alive socket to the local server can: mid-answer, or on the proxy's own HEAD.
 */
type Upstream = (req: IncomingMessage, res: ServerResponse) => void;

let upstream: Server | undefined;
let proxy: ConditionalProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
  upstream?.closeAllConnections();
  proxy = upstream = undefined;
});

async function proxyTo(answer: Upstream): Promise<ConditionalProxy> {
  upstream = createServer(answer);
  await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  proxy = await startConditionalProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  return proxy;
}

/** One request through the proxy: its status, or `failed` when the connection broke; never waits past `ms`. */
function send(endpoint: string, method: string, path: string, headers: Record<string, string> = {}, ms = 5_000): Promise<number | 'failed' | 'unanswered'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve('unanswered');
    }, ms);
    const req = request(`${endpoint}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => (clearTimeout(timer), resolve(res.statusCode ?? 0)));
      res.on('error', () => (clearTimeout(timer), resolve('failed')));
    });
    req.on('error', () => (clearTimeout(timer), resolve('failed')));
    req.end(method === 'PUT' ? 'body' : undefined);
  });
}

describe('conditional proxy', () => {
  it('a write whose upstream answer breaks off does not hold its key: a later read is answered', async () => {
    let puts = 0;
    const { endpoint } = await proxyTo((req, res) => {
      if (req.method === 'PUT' && (puts += 1) === 1) {
        // Headers and part of the body, then the connection is gone.
        res.writeHead(200, { 'content-length': '100' });
        res.write('partial', () => req.socket.destroy());
        return;
      }
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    expect(await send(endpoint, 'PUT', '/bucket/key')).toBe('failed');
    expect(await send(endpoint, 'GET', '/bucket/key')).toBe(200);
    expect(await send(endpoint, 'PUT', '/bucket/key')).toBe(200);
  });

  it('a conditional write whose ETag look-up fails is answered (500, which the SDK retries), and frees its key', async () => {
    let heads = 0;
    const { endpoint } = await proxyTo((req, res) => {
      if (req.method === 'HEAD' && (heads += 1) === 1) return void req.socket.destroy();
      req.resume();
      req.on('end', () => (req.method === 'HEAD' ? res.writeHead(404).end() : res.end('ok')));
    });
    expect(await send(endpoint, 'PUT', '/bucket/key', { 'if-none-match': '*' })).toBe(500);
    expect(await send(endpoint, 'PUT', '/bucket/key', { 'if-none-match': '*' })).toBe(200);
    expect(await send(endpoint, 'GET', '/bucket/key')).toBe(200);
  });
});
