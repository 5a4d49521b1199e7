// CloudFront Function (cloudfront-js-2.0), viewer request, on the default behaviour.
// CloudFront picks a behaviour by the path as sent, while S3 decodes it: `/%70artners/acme/rss.xml`
// or `/%5Fwirefeed/…` would reach partner feeds or publisher state through the default behaviour,
// skipping the partner key check. A default-behaviour request whose decoded path falls under a
// protected prefix can only be such a dodge, so it gets 404.
var PROTECTED = ['/partners/', '/_wirefeed/'];

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
  return request;
}

function notFound() {
  return { statusCode: 404, statusDescription: 'Not Found', headers: { 'cache-control': { value: 'no-store' } } };
}
