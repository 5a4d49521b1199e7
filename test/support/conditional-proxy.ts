/**
 * An HTTP proxy between the SDK and s3rver that adds what s3rver lacks (see local-aws.md):
 * S3's conditional PUT semantics (`If-Match`, `If-None-Match: *` → 412 PreconditionFailed),
 * and `x-amz-copy-source-if-match` on a copy (s3rver ignores it), plus
 * request counting and fault injection for tests. Requests are forwarded unchanged, Host header
 * included, so the SDK's signatures still verify at s3rver.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy saw. */
export interface SeenRequest {
  method: string;
  /** Path without query, e.g. `/site-bucket/rss.xml`. */
  path: string;
  query: string;
  /** Status answered (set when the answer started; undefined for a dropped request). */
  status?: number;
  /** A copy (a PUT with `x-amz-copy-source`): its body never passed through the client. */
  copy?: true;
}

/** A fault to inject into matching requests. */
export interface Fault {
  match: (request: SeenRequest) => boolean;
  /**
   * HTTP status with an S3 error code, `drop` to destroy the connection without an answer, `hang`
   * to never answer (a stuck call, as before a Lambda timeout), or a custom answer.
   */
  reply: { status: number; code: string } | 'drop' | 'hang' | { respond: (res: ServerResponse) => void };
  /** How many matching requests fail; then the fault is spent. */
  times: number;
}

/** A running proxy. */
export interface ConditionalProxy {
  endpoint: string;
  /** Every request forwarded or answered, in arrival order. */
  requests: SeenRequest[];
  /** Conditional PUTs (copies included) answered 412. */
  preconditionFailures: number;
  inject(fault: Fault): void;
  /**
   * Holds the next `parties` requests matching `match` until all of them have arrived, then lets
   * them through together: makes two publishers read the same version of an object, every time.
   */
  barrier(match: (request: SeenRequest) => boolean, parties: number): void;
  clearFaults(): void;
  /**
   * Milliseconds each request waits before it is handled (0: none). The local servers answer in
   * ~3 ms; S3 in-region takes 10–30 ms, so requests made one after another cost far more there.
   * Settable, so a bench can seed a site fast and then time publishes at S3-like latency.
   */
  latencyMs: number;
  stop(): Promise<void>;
}

/** Options of the proxy. */
export interface ProxyOptions {
  /** Initial `latencyMs`. */
  latencyMs?: number;
}

/** Starts the proxy on 127.0.0.1 with a random port, forwarding to `upstream` (`http://127.0.0.1:PORT`). */
export async function startConditionalProxy(upstream: string, options: ProxyOptions = {}): Promise<ConditionalProxy> {
  const target = new URL(upstream);
  let latencyMs = options.latencyMs ?? 0;
  const locks = new Map<string, Promise<void>>();
  const faults: Fault[] = [];
  const barriers: Array<{ match: (request: SeenRequest) => boolean; waiting: Array<() => void>; parties: number }> = [];
  const state = { requests: [] as SeenRequest[], preconditionFailures: 0 };
  // A connection per upstream request: Node's global agent keeps sockets alive, and one reused just
  // as the local server closes it after its 5 s idle timeout (a burst's batching delay is that long)
  // fails the request. Loopback connections are cheap; the requests the proxy counts are unchanged.
  const agent = new Agent({ keepAlive: false });

  // Settles once the answer is over however it ends: an upstream answer that breaks off (a reused
  // keep-alive socket the local server closed) never emits 'end', and a write's key stays locked
  // until this settles. The client's connection is cut then, as S3's would be, so its SDK retries
  // instead of waiting for the rest of a body that never comes.
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, seen: SeenRequest): Promise<void> =>
    new Promise((resolve) => {
      const broken = () => {
        res.destroy();
        resolve();
      };
      const upstreamRequest = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
        (upstreamResponse) => {
          seen.status = upstreamResponse.statusCode ?? 502;
          res.writeHead(seen.status, upstreamResponse.headers);
          upstreamResponse.pipe(res);
          upstreamResponse.on('error', broken);
          upstreamResponse.on('close', () => (upstreamResponse.complete ? resolve() : broken()));
          res.on('close', resolve);
        },
      );
      upstreamRequest.on('error', broken);
      upstreamRequest.end(body);
    });

  // Anonymous HEAD: s3rver accepts unsigned requests, and the proxy only needs the current ETag.
  const currentEtag = (path: string): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const head = httpRequest({ host: target.hostname, port: target.port, method: 'HEAD', path, agent }, (response) => {
        response.resume();
        resolve(response.statusCode === 200 ? unquoted(String(response.headers.etag ?? '')) : undefined);
      });
      head.on('error', reject);
      head.end();
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const [path = '/', query = ''] = (req.url ?? '/').split('?');
      const seen: SeenRequest = { method: req.method ?? 'GET', path, query, ...(req.headers['x-amz-copy-source'] !== undefined && { copy: true as const }) };
      state.requests.push(seen);
      // Timers overlap like network round trips: concurrent requests wait together, not in turn.
      if (latencyMs > 0) setTimeout(() => dispatch(req, body, res, seen), latencyMs);
      else dispatch(req, body, res, seen);
    });
  });

  const dispatch = (req: IncomingMessage, body: Buffer, res: ServerResponse, seen: SeenRequest): void => {
      const fault = faults.find((candidate) => candidate.times > 0 && candidate.match(seen));
      if (fault) {
        fault.times -= 1;
        if (fault.reply === 'drop') return void req.socket.destroy();
        if (fault.reply === 'hang') return;
        if ('respond' in fault.reply) return void fault.reply.respond(res);
        seen.status = fault.reply.status;
        return void sendError(res, fault.reply.status, fault.reply.code, 'injected fault');
      }
      const barrier = barriers.find((candidate) => candidate.match(seen));
      if (barrier) {
        const go = new Promise<void>((resolve) => barrier.waiting.push(resolve));
        if (barrier.waiting.length >= barrier.parties) {
          barriers.splice(barriers.indexOf(barrier), 1);
          for (const release of barrier.waiting) release();
        }
        return void go.then(() => handle(req, body, res, seen));
      }
      handle(req, body, res, seen);
  };

  const handle = (req: IncomingMessage, body: Buffer, res: ServerResponse, seen: SeenRequest): void => {
      const { path } = seen;
      // s3rver writes an object's file in place, so a GET racing a PUT can read a torn body; S3
      // never serves one. Reads of a key wait for the write in flight on it, as S3's atomic PUT looks.
      const writing = locks.get(path);
      if ((req.method === 'GET' || req.method === 'HEAD') && writing) return void writing.then(() => handle(req, body, res, seen));
      if (req.method !== 'PUT' || seen.query.includes('uploadId')) return void forward(req, body, res, seen);
      // Writes to one key are serialised, so check-then-write is atomic as S3 makes it.
      const previous = locks.get(path) ?? Promise.resolve();
      const turn = previous.then(async () => {
        const ifMatch = req.headers['if-match'];
        const ifNoneMatch = req.headers['if-none-match'];
        const copySource = req.headers['x-amz-copy-source'];
        const copyIfMatch = req.headers['x-amz-copy-source-if-match'];
        if (typeof copySource === 'string' && typeof copyIfMatch === 'string') {
          // A copy of a source that has another ETag by now; a missing source is s3rver's own 404.
          if (otherVersion(copyIfMatch, await currentEtag(`/${copySource.replace(/^\//, '')}`))) return refuseWrite(res, seen);
        }
        if (ifMatch !== undefined || ifNoneMatch !== undefined) {
          const etag = await currentEtag(path);
          const matches = ifMatch === undefined || (etag !== undefined && unquoted(ifMatch) === etag);
          const absent = ifNoneMatch === undefined || (ifNoneMatch === '*' && etag === undefined);
          if (!matches || !absent) return refuseWrite(res, seen);
        }
        await forward(req, body, res, seen);
      });
      // The ETag look-up failed: answered as S3 answers an internal error, which the SDK retries.
      const settled = turn.catch(() => {
        if (res.headersSent) res.destroy();
        else {
          seen.status = 500;
          sendError(res, 500, 'InternalError', 'the proxy could not read the current ETag');
        }
      });
      locks.set(path, settled);
      void settled.then(() => {
        if (locks.get(path) === settled) locks.delete(path);
      });
  };
  /** A write (PUT or copy) whose condition did not hold: counted, and answered as S3 does. */
  const refuseWrite = (res: ServerResponse, seen: SeenRequest): void => {
    state.preconditionFailures += 1;
    refuse(res, seen);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    set requests(value) {
      state.requests = value;
    },
    get preconditionFailures() {
      return state.preconditionFailures;
    },
    inject: (fault) => void faults.push({ ...fault }),
    barrier: (match, parties) => void barriers.push({ match, parties, waiting: [] }),
    clearFaults: () => void faults.splice(0),
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(value) {
      latencyMs = value;
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** True when an `If-Match`-like header names another version than the object's (a missing object is S3's own 404). */
function otherVersion(header: string, etag: string | undefined): boolean {
  return etag !== undefined && unquoted(header) !== etag;
}

function unquoted(etag: string): string {
  return etag.replace(/"/g, '');
}

/** S3's answer to a request whose precondition did not hold. */
function refuse(res: ServerResponse, seen: SeenRequest): void {
  seen.status = 412;
  sendError(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>proxy</RequestId></Error>`);
}
