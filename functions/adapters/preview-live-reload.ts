import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_CSP } from '../core/http/security-headers.js';

/** The preview's own URLs; a built site never has them (its paths come from story slugs and feeds). */
const EVENTS_PATH = '/_wirefeed/events';
const SCRIPT_PATH = '/_wirefeed/reload.js';

/**
 * Reloads the page when a rebuild other than the one it was served from has finished. The page
 * carries its build number, and the server sends the current one on connecting, so a rebuild that
 * finished between serving the page and opening the stream still reloads it; after a restart of
 * the preview the numbers restart and differ, and the page reloads once the server is back.
 */
const RELOAD_SCRIPT = `const served = document.currentScript.dataset.build;
new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('build', (event) => {
  if (event.data !== served) location.reload();
});
`;

/**
 * Pages served by the preview may run the preview's one script, from its own origin, and open its
 * event stream. Built pages keep PAGE_CSP (no script at all): this is added only to preview responses.
 */
const LIVE_PAGE_CSP = `${PAGE_CSP}; script-src 'self'; connect-src 'self'`;

/** Live reload for the preview server: an event stream, its script, and pages that load it. */
export interface LiveReload {
  /** Answers the preview's own URLs; false for any other request. */
  route(request: IncomingMessage, response: ServerResponse): boolean;
  /** An HTML page as the preview serves it: with the reload script and the CSP that lets it run. */
  page(html: Buffer): { body: Buffer; headers: Record<string, string> };
  /** A rebuild finished: open pages reload. */
  rebuilt(): void;
  /** Ends every open event stream, so the server can close. */
  close(): void;
}

/** Server-sent events to every open page, one `build` event with the build number per rebuild. */
export function createLiveReload(): LiveReload {
  const streams = new Set<ServerResponse>();
  let build = 0;
  const send = (stream: ServerResponse) => stream.write(`event: build\ndata: ${build}\n\n`);

  return {
    route(request, response) {
      const { pathname } = new URL(request.url ?? '/', 'http://preview');
      if (pathname === SCRIPT_PATH) {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
        response.end(request.method === 'HEAD' ? undefined : RELOAD_SCRIPT);
        return true;
      }
      if (pathname !== EVENTS_PATH) return false;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      // A browser reconnects on its own after a second when the preview restarts.
      response.write('retry: 1000\n\n');
      send(response);
      streams.add(response);
      response.once('close', () => streams.delete(response));
      return true;
    },
    page(html) {
      const tag = `<script src="${SCRIPT_PATH}" data-build="${build}" defer></script>`;
      const text = html.toString('utf8');
      const at = text.search(/<\/head>/i);
      const body = at === -1 ? `${text}${tag}` : `${text.slice(0, at)}${tag}${text.slice(at)}`;
      return { body: Buffer.from(body), headers: { 'content-security-policy': LIVE_PAGE_CSP } };
    },
    rebuilt() {
      build += 1;
      for (const stream of streams) send(stream);
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}
