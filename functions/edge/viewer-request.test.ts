import { edgeFunctionCode, FEED_FORMAT_SUBSTITUTIONS } from '../../infra/edge-code.js';
import { feedPagePath } from '../core/http/feed-page-route.js';
import { FORMATS } from '../core/formats/registry.js';
import { describe, expect, it } from 'vitest';

type Request = { uri: string; headers: Record<string, { value: string }> };
type Handler = (event: { request: Request }) => Request | { statusCode: number };

/** The deployed code, run as CloudFront runs it: a script defining a global `handler`. */
const handler = new Function(`${edgeFunctionCode('functions/edge/viewer-request.js', FEED_FORMAT_SUBSTITUTIONS)}\nreturn handler;`)() as Handler;
const request = (uri: string): Request => ({ uri, headers: {} });

describe('viewer-request CloudFront Function (default behaviour): guard', () => {
  it.each(['/%70artners/acme/rss.xml', '/%70%61rtners/acme/rss.xml', '/partners%2Facme/rss.xml', '/%5Fwirefeed/windows/main.json', '/%5fwirefeed/x', '/%E0%A4%A'])(
    'answers 404 to %s (a protected S3 key reached around its behaviour, or a malformed encoding)',
    (uri) => {
      expect(handler({ request: request(uri) })).toMatchObject({ statusCode: 404 });
    },
  );

  it.each(['/', '/rss.xml', '/sections/politics/atom.xml', '/media/0123456789abcdef/photo%20one.jpg', '/stories/partners-meet-1234abcd.html', '/partnership/x'])(
    'passes %s through unchanged',
    (uri) => {
      const passed = handler({ request: request(uri) });
      expect(passed).toEqual(request(uri));
    },
  );
});

/** Accept headers as sent: Chromium and Firefox opening a link, readers, and edge cases. */
const ACCEPTS: Record<string, string | undefined> = {
  chromium: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  firefox: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  feedReader: 'application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, */*;q=0.1',
  jsonReader: 'application/feed+json, application/json;q=0.9',
  anything: '*/*',
  none: undefined,
  readerAlsoHtml: 'application/atom+xml,text/html;q=0.5',
  htmlRefused: 'text/html;q=0, */*',
  htmlUpperCase: 'TEXT/HTML',
};

describe('viewer-request CloudFront Function (default behaviour): feed view', () => {
  const withAccept = (uri: string, accept: string | undefined): Request => ({ uri, headers: accept === undefined ? {} : { accept: { value: accept } } });
  // Every registered format's file, wherever feed sets live: a format added to the registry must be added to the function's list too.
  const feedPaths = FORMATS.flatMap((format) => ['/', '/sections/politics/', '/archive/3/', '/sections/a/archive/1/'].map((folder) => folder + format.fileName));
  const paths = [...feedPaths, '/index.html', '/stories/a.html', '/media/x/rss.xml.jpg', '/feed.html'];

  for (const [client, accept] of Object.entries(ACCEPTS)) {
    it(`routes ${client} as the local preview does, on every path`, () => {
      for (const uri of paths) {
        const passed = handler({ request: withAccept(uri, accept) }) as Request;
        expect(passed.uri, uri).toBe(feedPagePath(uri, accept) ?? uri);
      }
    });
  }

  it('sends a browser to the feed page beside the feed, and a reader to the feed', () => {
    expect((handler({ request: withAccept('/sections/politics/atom.xml', ACCEPTS.chromium) }) as Request).uri).toBe('/sections/politics/feed.html');
    expect((handler({ request: withAccept('/feed.json', ACCEPTS.firefox) }) as Request).uri).toBe('/feed.html');
    for (const reader of ['feedReader', 'jsonReader', 'anything', 'none', 'readerAlsoHtml', 'htmlRefused']) {
      expect((handler({ request: withAccept('/rss.xml', ACCEPTS[reader]) }) as Request).uri, reader).toBe('/rss.xml');
    }
  });

  it('still guards before routing: an encoded partner feed is 404 even for a browser', () => {
    expect(handler({ request: withAccept('/%70artners/acme/rss.xml', ACCEPTS.chromium) })).toMatchObject({ statusCode: 404 });
  });
});
