import { edgeFunctionCode, FEED_FORMAT_SUBSTITUTIONS } from '../../infra/edge-code.js';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../core/http/security-headers.js';

type Headers = Record<string, { value: string } | undefined>;
type Handler = (event: { request: { uri: string; headers: Headers }; response: { headers: Headers } }) => { headers: Headers };

/** Loads the deployed function's code as CloudFront runs it: a script defining a global `handler`. */
const handler = new Function(`${edgeFunctionCode('functions/edge/feed-view.js', FEED_FORMAT_SUBSTITUTIONS)}\nreturn handler;`)() as Handler;

const TYPES = ['application/rss+xml; charset=utf-8', 'application/atom+xml; charset=utf-8', 'application/feed+json; charset=utf-8', 'text/html; charset=utf-8', 'image/jpeg'];
const respond = (uri: string, type: string) => handler({ request: { uri, headers: {} }, response: { headers: { 'content-type': { value: type } } } });

describe('feed-view CloudFront Function (viewer response)', () => {
  it('marks every response to a feed path Vary: Accept, whether it carries the feed or its page', () => {
    for (const uri of ['/rss.xml', '/atom.xml', '/feed.json', '/sections/a/rss.xml', '/archive/2/feed.json', '/feed.html', '/sections/a/feed.html']) {
      for (const type of TYPES.slice(0, 4)) expect(respond(uri, type).headers.vary?.value, `${uri} ${type}`).toBe('Accept');
    }
  });

  it('leaves other responses without Vary and never relabels a type', () => {
    for (const uri of ['/', '/index.html', '/stories/a.html', '/media/x/rss.xml.jpg']) expect(respond(uri, 'text/html; charset=utf-8').headers.vary, uri).toBeUndefined();
    for (const type of TYPES) expect(respond('/rss.xml', type).headers['content-type']!.value).toBe(type);
  });

  it('gives RSS and Atom the same CSP as the local preview (feed.xsl allowed as a script from our origin)', () => {
    for (const type of TYPES) {
      const csp = respond('/rss.xml', type).headers['content-security-policy']?.value;
      // Other types keep the response headers policy's page CSP, which the function leaves alone.
      expect(csp).toBe(/rss|atom/.test(type) ? securityHeaders(type)['content-security-policy'] : undefined);
    }
  });
});
