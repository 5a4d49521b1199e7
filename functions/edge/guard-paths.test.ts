import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Request = { uri: string; headers: Record<string, { value: string }> };
type Handler = (event: { request: Request }) => Request | { statusCode: number };

/** The deployed code, run as CloudFront runs it: a script defining a global `handler`. */
const handler = new Function(`${readFileSync('functions/edge/guard-paths.js', 'utf8')}\nreturn handler;`)() as Handler;
const request = (uri: string): Request => ({ uri, headers: {} });

describe('guard-paths CloudFront Function (default behaviour)', () => {
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
