import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../core/content-types.js';
import { feedPagePath, isFeedPath } from '../core/http/feed-page-route.js';
import { isLoopbackHost } from '../core/http/loopback-host.js';
import { securityHeaders } from '../core/http/security-headers.js';
import { sniffImageType } from '../core/media/sniff-image.js';
import { createLiveReload, type LiveReload } from './preview-live-reload.js';
import type { PreviewServer } from '../core/ports/preview-server.js';

/** Text files whose links the preview points at itself; photos and other bytes are served as built. */
const LINKING_TYPES = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:xml|json)\b)/;

/** Serves a site folder for preview with live reload (see {@link startPreviewServer}). */
export async function servePreview(root: string, port: number, publicBase: string): Promise<PreviewServer> {
  const live = createLiveReload();
  const server = await startPreviewServer(root, port, publicBase, live);
  return {
    port: (server.address() as AddressInfo).port,
    rebuilt: () => live.rebuilt(),
    close: () => {
      live.close();
      server.close();
      // Browsers keep idle connections open; the server would wait for them.
      server.closeAllConnections();
    },
  };
}

/**
 * Serves a built site folder on 127.0.0.1 for preview: correct Content-Types, a feed's HTML view
 * to a browser asking for the feed (core/http/feed-page-route.ts), strong ETags from the bytes and `If-None-Match` → 304, as
 * CloudFront does for the deployed site. Read-only; paths are confined to the folder. Only
 * requests naming a loopback host are answered (421 otherwise), so a web page that rebinds its own
 * name to 127.0.0.1 cannot read the site, partner feeds included, from a developer's browser.
 *
 * The site is built for its public base URL, so partner rules (https links, for one) judge the
 * URLs partners will get, and the folder is what a deploy would upload. Links to that base URL
 * in text files are pointed at this server as they are served, so pages and feeds browse locally.
 * With `live`, HTML pages load its reload script and it answers its own URLs (preview-live-reload.ts).
 */
function startPreviewServer(root: string, port: number, publicBase?: string, live?: LiveReload): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const listening = (server.address() as AddressInfo).port;
      if (!isLoopbackHost(request.headers.host, listening)) {
        respondText(response, 421, `Misdirected request: the preview answers only to localhost:${listening}\n`);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (live?.route(request, response)) return;
      const pathname = new URL(request.url ?? '/', 'http://preview').pathname;
      const file = await resolveFile(root, feedPagePath(pathname, request.headers.accept) ?? pathname);
      if (!file) {
        respondText(response, 404, 'Not found\n');
        return;
      }
      const built = await readFile(file);
      const stored = typeOf(root, file, built);
      if (stored === undefined) {
        respondText(response, 404, 'Not found\n');
        return;
      }
      const linked = publicBase && LINKING_TYPES.test(stored) ? pointLinksHere(built, publicBase, server) : built;
      const served = live && /^text\/html\b/.test(stored) ? live.page(linked) : { body: linked, headers: {} };
      const body = served.body;
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const vary = isFeedPath(pathname) ? { vary: 'Accept' } : {};
      const headers = { etag, 'content-type': stored, 'cache-control': 'no-cache', ...vary, ...securityHeaders(stored), ...served.headers };
      if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
        response.writeHead(304, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'content-length': body.byteLength });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function respondText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders('text/plain') }).end(text);
}

/**
 * The Content-Type a file is served with. Photos (under `media/`) are served as the image type their
 * bytes are, and not at all when they are none (undefined): an HTML page or an SVG left in an output
 * folder by an older build, or put there by hand, would run as a document on the preview's origin.
 */
function typeOf(root: string, file: string, body: Uint8Array): string | undefined {
  const inMedia = file.startsWith(join(normalize(root), 'media') + sep);
  return inMedia ? sniffImageType(body) : contentTypeOf(file);
}

function pointLinksHere(body: Buffer, publicBase: string, server: Server): Buffer {
  const here = `http://localhost:${(server.address() as AddressInfo).port}`;
  const from = publicBase.replace(/\/+$/, '');
  if (from === here) return body;
  return Buffer.from(body.toString('utf8').replaceAll(from, here));
}

async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // Hidden files and folders (a cache, an editor's swap file) are never part of the site.
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  const full = normalize(join(root, decoded));
  if (full !== normalize(root) && !full.startsWith(normalize(root) + sep)) return undefined;
  for (const candidate of [full, join(full, 'index.html')]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Try the next candidate.
    }
  }
  return undefined;
}
