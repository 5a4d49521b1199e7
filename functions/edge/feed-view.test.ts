import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserFeedType } from '../core/http/browser-feed-type.js';
import { securityHeaders } from '../core/http/security-headers.js';

type Headers = Record<string, { value: string } | undefined>;
type Handler = (event: { request: { headers: Headers }; response: { headers: Headers } }) => { headers: Headers };

/** Loads the deployed function's code as CloudFront runs it: a script defining a global `handler`. */
const handler = new Function(`${readFileSync('functions/edge/feed-view.js', 'utf8')}\nreturn handler;`)() as Handler;

const ACCEPT = {
  chromium: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  feedReader: 'application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, */*;q=0.1',
  none: undefined,
};
const TYPES = ['application/rss+xml; charset=utf-8', 'application/atom+xml; charset=utf-8', 'application/feed+json; charset=utf-8', 'text/html; charset=utf-8', 'image/jpeg'];

describe('feed-view CloudFront Function', () => {
  for (const type of TYPES) {
    for (const [client, accept] of Object.entries(ACCEPT)) {
      it(`${client} asking for ${type.split(';')[0]} gets the same type as the local preview`, () => {
        const request = { headers: accept === undefined ? {} : { accept: { value: accept } } };
        const response = handler({ request, response: { headers: { 'content-type': { value: type } } } });
        const expected = browserFeedType(type, accept) ?? type;
        expect(response.headers['content-type']!.value).toBe(expected);
      });
    }
  }

  it('gives feeds the same CSP as the local preview (XSL allowed as a script from our origin)', () => {
    for (const type of TYPES.slice(0, 2)) {
      const response = handler({ request: { headers: {} }, response: { headers: { 'content-type': { value: type } } } });
      expect(response.headers['content-security-policy']!.value).toBe(securityHeaders(type)['content-security-policy']);
    }
  });

  it('only relabels feeds for browsers and marks feed responses Vary: Accept', () => {
    const response = handler({ request: { headers: { accept: { value: ACCEPT.chromium } } }, response: { headers: { 'content-type': { value: TYPES[0]! } } } });
    expect(response.headers['content-type']!.value).toBe('application/xml; charset=utf-8');
    expect(response.headers.vary!.value).toBe('Accept');
    const reader = handler({ request: { headers: { accept: { value: ACCEPT.feedReader } } }, response: { headers: { 'content-type': { value: TYPES[0]! } } } });
    expect(reader.headers['content-type']!.value).toBe(TYPES[0]);
  });
});
