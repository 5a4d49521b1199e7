// CloudFront Function (runtime cloudfront-js-2.0), viewer request, behaviour `partners/*`.
// Deployed as is: the stack replaces __WIREFEED_KVS_ID__ with the key value store's id.
// Only the runtime's own modules are available (no network, no npm); 10 KB at most.
import cf from 'cloudfront';
import crypto from 'crypto';

var KVS_ID = '__WIREFEED_KVS_ID__';
var REALM = 'wirefeed partners';
// The same rule the key command applies to partner names (use-cases/partner-keys/partner-key-record.ts).
var PARTNER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Keys are 43 base64url characters; anything far longer is not one of ours and is not hashed.
var MAX_KEY_LENGTH = 256;

function respond(statusCode, statusDescription, extraHeaders) {
  var headers = { 'cache-control': { value: 'no-store' } };
  for (var name in extraHeaders) headers[name] = { value: extraHeaders[name] };
  return { statusCode: statusCode, statusDescription: statusDescription, headers: headers };
}

function unauthorized(error) {
  var challenge = 'Bearer realm="' + REALM + '"' + (error ? ', error="' + error + '"' : '');
  return respond(401, 'Unauthorized', { 'www-authenticate': challenge });
}

// Compares every character whatever the first difference, so the time taken says nothing
// about how much of a hash matched.
function constantTimeEquals(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  var diff = 0;
  for (var i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function sha256Hex(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

var PREFIX = '/partners/';

// The partner a request path names, or the status refusing it. This function runs on the
// `partners/*` behaviour only, so it fails closed: anything but a literal `/partners/<name>/…` path
// reached it through a normalisation (CloudFront's, S3's, a proxy's) this check does not make, and
// is refused, never passed on or normalised. S3 decodes the key once: the decoded path must name
// the same folder, with no dot segment, empty segment, backslash or control character in it, and
// nothing encoded that another decoding could turn into one (`%2e`, `%2f`, `%5c`, `%25`).
function partnerOf(uri) {
  if (uri.slice(0, PREFIX.length) !== PREFIX) return { status: 404 };
  if (/%(2e|2f|5c|25)/i.test(uri)) return { status: 400 };
  var decoded;
  try {
    decoded = decodeURIComponent(uri);
  } catch (e) {
    return { status: 400 };
  }
  if (/[\\\u0000-\u001f\u007f]|\/\//.test(decoded)) return { status: 400 };
  var segments = decoded.split('/');
  for (var i = 0; i < segments.length; i++) {
    if (segments[i] === '.' || segments[i] === '..') return { status: 400 };
  }
  // No public listing of partners: `/partners/`, `/partners/x` (no folder), bad or encoded names are 404.
  var name = uri.split('/')[2];
  if (segments.length < 4 || name !== segments[2] || !PARTNER_NAME.test(name)) return { status: 404 };
  return { partner: name };
}

// The key from `Authorization: Bearer <key>` (preferred: query strings reach CloudFront's
// access logs) or from `?key=`. Returns { key } or { error } (a 400/401 answer).
function presentedKey(request) {
  var auth = request.headers.authorization;
  if (auth && auth.value) {
    var match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(auth.value);
    if (!match) return { error: unauthorized('invalid_request') };
    return { key: match[1] };
  }
  var param = request.querystring.key;
  if (!param) return { error: unauthorized() };
  if (param.multiValue && param.multiValue.length > 1) return { error: respond(400, 'Bad Request') };
  var value;
  try {
    value = decodeURIComponent(param.value);
  } catch (e) {
    return { error: respond(400, 'Bad Request') };
  }
  if (!value) return { error: unauthorized() };
  return { key: value };
}

// `record` is the JSON the key command stores: { current, previous?, previousUntil? }, each a
// lowercase hex SHA-256 of a key. The previous key is valid until `previousUntil` (rotation grace).
function keyMatches(record, hash, nowMs) {
  var current = constantTimeEquals(hash, record.current);
  var previous = constantTimeEquals(hash, record.previous);
  var graceOpen = typeof record.previousUntil === 'string' && Date.parse(record.previousUntil) > nowMs;
  return current || (previous && graceOpen);
}

async function handler(event) {
  var request = event.request;
  var path = partnerOf(request.uri);
  if (path.status === 400) return respond(400, 'Bad Request');
  if (path.status) return respond(404, 'Not Found');
  var partner = path.partner;

  var presented = presentedKey(request);
  if (presented.error) return presented.error;
  if (presented.key.length > MAX_KEY_LENGTH) return respond(403, 'Forbidden');

  var record;
  try {
    record = await cf.kvs(KVS_ID).get('partner:' + partner, { format: 'json' });
  } catch (e) {
    // Unknown (or revoked) partner and a failing store alike: refuse, never fail open.
    record = null;
  }
  var hash = sha256Hex(presented.key);
  if (!record || !keyMatches(record, hash, Date.now())) return respond(403, 'Forbidden');

  // The key is not part of the object: strip it so it neither splits the cache nor reaches S3.
  delete request.querystring.key;
  delete request.headers.authorization;
  return request;
}
