// CloudFront Function (cloudfront-js-2.0), viewer response, on the default behaviour.
// 1. A feed URL answers browsers with the feed's HTML page and readers with the feed
//    (viewer-request.js picks by Accept), so its responses say `Vary: Accept`: a browser's cache or
//    a proxy must not hand one client's answer to the other.
// 2. RSS and Atom still name feed.xsl, which browsers load under the CSP's script-src: feeds get a
//    CSP that allows our own origin there; pages keep the strict policy set by the response headers policy.
// Mirrors functions/core/http/ (the local preview); functions/edge/feed-view.test.ts keeps them in step.
var FEED_CSP = "default-src 'none'; script-src 'self'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// The feed file names and the page they are rewritten to (the request here may be either), filled
// in from the format registry when the stack is synthesized (infra/edge-code.ts).
var FEED_FILES = __FEED_FILE_NAMES__.concat([__FEED_PAGE_FILE__]);

function handler(event) {
  var response = event.response;
  if (FEED_FILES.indexOf(event.request.uri.slice(event.request.uri.lastIndexOf('/') + 1)) >= 0) response.headers.vary = { value: 'Accept' };
  var contentType = response.headers['content-type'] ? response.headers['content-type'].value : '';
  if (/^application\/(?:rss|atom)\+xml\b/i.test(contentType)) response.headers['content-security-policy'] = { value: FEED_CSP };
  return response;
}
