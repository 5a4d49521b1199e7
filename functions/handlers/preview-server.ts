import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../core/content-types.js';

/** Security headers for the preview; the deployed site gets the same from CloudFront. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves a built site folder on 127.0.0.1 for preview: correct Content-Types, strong ETags from the
 * bytes and `If-None-Match` → 304, as CloudFront does for the deployed site. Read-only; paths are
 * confined to the folder.
 */
export function startPreviewServer(root: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = await resolveFile(root, new URL(request.url ?? '/', 'http://preview').pathname);
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found\n');
        return;
      }
      const body = await readFile(file);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const headers = { etag, 'content-type': contentTypeOf(file), 'cache-control': 'no-cache', ...SECURITY_HEADERS };
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

async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
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
