// CloudFront Function (cloudfront-js-2.0), viewer request, on the default behaviour. One function
// per event type is allowed, so it does both jobs of the default behaviour's requests:
// 1. Guard: CloudFront picks a behaviour by the path as sent, while S3 decodes it:
//    `/%70artners/acme/rss.xml` or `/%5Fwirefeed/…` would reach partner feeds or publisher state
//    through the default behaviour, skipping the partner key check. A default-behaviour request
//    whose decoded path falls under a protected prefix can only be such a dodge, so it gets 404.
// 2. Feed view: a browser opening a feed (Accept names text/html and no feed type) is served the
//    feed set's HTML page (`feed.html` beside it) in place of XML it would show raw or through
//    deprecated XSLT. Feed readers (feed types, */*, or no Accept) keep the feed bytes. The cache
//    key is the rewritten URI, so the two never share a cached object; feed-view.js marks the
//    responses `Vary: Accept` for caches downstream.
// Mirrors functions/core/http/feed-page-route.ts (the local preview); viewer-request.test.ts keeps them in step.
var PROTECTED = ['/partners/', '/_wirefeed/'];
// The feed file names, the media types readers ask for and the page browsers get, filled in from
// the format registry when the stack is synthesized (infra/edge-code.ts): a new format changes nothing here.
var FEED_NAMES = __FEED_FILE_NAMES__;
var FEED_TYPES = __FEED_MEDIA_TYPES__;
var FEED_PAGE = __FEED_PAGE_FILE__;
var REFUSED = /^\s*q\s*=\s*0(?:\.0*)?\s*$/i;

function handler(event) {
  var request = event.request;
  var decoded;
  try {
    decoded = decodeURIComponent(request.uri);
  } catch (e) {
    return notFound();
  }
  for (var i = 0; i < PROTECTED.length; i++) {
    if (decoded.indexOf(PROTECTED[i]) === 0 || decoded + '/' === PROTECTED[i]) return notFound();
  }
  var page = feedPage(request);
  if (page) request.uri = page;
  return request;
}

function feedPage(request) {
  var slash = request.uri.lastIndexOf('/');
  if (FEED_NAMES.indexOf(request.uri.slice(slash + 1)) < 0 || !request.headers.accept) return undefined;
  var ranges = request.headers.accept.value.split(',');
  var html = false;
  for (var i = 0; i < ranges.length; i++) {
    var parts = ranges[i].split(';');
    var refused = false;
    for (var j = 1; j < parts.length; j++) if (REFUSED.test(parts[j])) refused = true;
    if (refused) continue;
    var type = parts[0].trim().toLowerCase();
    if (FEED_TYPES.indexOf(type) >= 0) return undefined;
    if (type === 'text/html') html = true;
  }
  return html ? request.uri.slice(0, slash + 1) + FEED_PAGE : undefined;
}

function notFound() {
  return { statusCode: 404, statusDescription: 'Not Found', headers: { 'cache-control': { value: 'no-store' } } };
}
