// CloudFront Function (runtime cloudfront-js-2.0), viewer request, behaviour `partners/*`.
// Deployed as is: the stack replaces __WIREFEED_KVS_ID__ with the key value store's id.
// Only the runtime's own modules are available (no network, no npm); 10 KB at most.
import cf from 'cloudfront';
import crypto from 'crypto';

var KVS_ID = '__WIREFEED_KVS_ID__';
var REALM = 'wirefeed partners';
// The same rule the key command applies to partner names (partner-key-record.ts).
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

// `/partners/<name>/<rest>` → name, or null when the path names no partner folder.
function partnerOf(segments) {
  if (segments.length < 4 || segments[1] !== 'partners') return null;
  var name = segments[2];
  return PARTNER_NAME.test(name) ? name : null;
}

// Dot segments and backslashes could make S3 resolve a key outside the partner's folder after
// the check; encoded slashes could hide one. Such paths are refused, never normalised.
function hasTraversal(segments) {
  for (var i = 0; i < segments.length; i++) {
    var s = segments[i].toLowerCase();
    if (s === '.' || s === '..' || s.indexOf('\\') !== -1 || s.indexOf('%2f') !== -1 || s.indexOf('%5c') !== -1) return true;
    if (s.indexOf('%2e') !== -1 || s.indexOf('%00') !== -1) return true;
  }
  return false;
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
  var segments = request.uri.split('/');
  if (segments[1] !== 'partners') return request;
  if (hasTraversal(segments)) return respond(400, 'Bad Request');
  // No public listing of partners: `/partners/`, `/partners/x` (no folder) and bad names are 404.
  var partner = partnerOf(segments);
  if (!partner) return respond(404, 'Not Found');

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
