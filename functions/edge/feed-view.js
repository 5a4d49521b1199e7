// CloudFront Function (cloudfront-js-2.0), viewer response, for RSS and Atom responses.
// 1. Browsers render application/rss+xml and application/atom+xml as plain text, so the feed's XSL
//    view never runs: a request whose Accept header asks for HTML gets the same bytes labelled
//    application/xml. Feed readers keep the feed types.
// 2. Browsers load the XSL stylesheet under the CSP's script-src, so feeds get a CSP that allows
//    our own origin there; pages keep the strict policy set by the response headers policy.
// Mirrors functions/core/http/ (the local preview); functions/edge/feed-view.test.ts keeps them in step.
var FEED_CSP = "default-src 'none'; script-src 'self'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function handler(event) {
  var response = event.response;
  var contentType = response.headers['content-type'] ? response.headers['content-type'].value : '';
  if (!/^application\/(?:rss|atom)\+xml\b/i.test(contentType)) return response;
  var accept = event.request.headers.accept ? event.request.headers.accept.value : '';
  if (/\btext\/html\b/i.test(accept)) response.headers['content-type'] = { value: 'application/xml; charset=utf-8' };
  response.headers['content-security-policy'] = { value: FEED_CSP };
  response.headers.vary = { value: 'Accept' };
  return response;
}
