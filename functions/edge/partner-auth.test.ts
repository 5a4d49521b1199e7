import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  loadCloudFrontFunction,
  viewerRequest,
  type CfRequest,
  type CfResponse,
  type FakeKeyValueStore,
  type LoadedFunction,
} from '../../test/support/cloudfront-function-runtime.js';
import { createRecord, generateKey, hashKey, recordKeyOf, rotateRecord, type PartnerKeyRecord } from '../use-cases/partner-keys/partner-key-record.js';

const FILE = fileURLToPath(new URL('./partner-auth.js', import.meta.url));
const KVS_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const FEED = '/partners/acme/rss.xml';
const HOUR = 3_600_000;

let store: FakeKeyValueStore;
let fn: LoadedFunction;
const acmeKey = generateKey();
const otherKey = generateKey();

function put(partner: string, record: PartnerKeyRecord): void {
  store.values.set(recordKeyOf(partner), JSON.stringify(record));
}

function isResponse(result: CfRequest | CfResponse): result is CfResponse {
  return 'statusCode' in result;
}

async function status(event: { request: CfRequest }): Promise<number | 'pass'> {
  const result = await fn.handler(event);
  return isResponse(result) ? result.statusCode : 'pass';
}

beforeEach(() => {
  store = { values: new Map(), reads: [] };
  fn = loadCloudFrontFunction(FILE, store, { __WIREFEED_KVS_ID__: KVS_ID });
  put('acme', createRecord(hashKey(acmeKey), new Date()));
  put('other', createRecord(hashKey(otherKey), new Date()));
});

describe('partner-auth CloudFront Function', () => {
  it('fits the runtime: at most 10 KB as deployed, and reads the injected KVS id', async () => {
    expect(fn.size).toBeLessThanOrEqual(10 * 1024);
    await fn.handler(viewerRequest(FEED, { query: { key: acmeKey } }));
    expect(store.reads).toEqual([KVS_ID]);
  });

  it('lets a valid ?key= through and strips it before the origin request', async () => {
    // Given a request with the partner's key and another query parameter
    const event = viewerRequest(FEED, { query: { key: acmeKey, page: '2' } });
    // When
    const result = await fn.handler(event);
    // Then the request continues, without the key
    expect(isResponse(result)).toBe(false);
    const request = result as CfRequest;
    expect(request.uri).toBe(FEED);
    expect(Object.keys(request.querystring)).toEqual(['page']);
  });

  it('lets a valid Authorization: Bearer key through and drops the header', async () => {
    const result = (await fn.handler(viewerRequest(FEED, { headers: { Authorization: `Bearer ${acmeKey}` } }))) as CfRequest;
    expect(isResponse(result)).toBe(false);
    expect(result.headers.authorization).toBeUndefined();
    expect(result.headers.host?.value).toBe('feeds.example.com');
    expect(await status(viewerRequest(FEED, { headers: { authorization: `bearer ${acmeKey}` } }))).toBe('pass');
  });

  it('answers 401 with a Bearer challenge when no key is sent', async () => {
    const result = (await fn.handler(viewerRequest(FEED))) as CfResponse;
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['www-authenticate']?.value).toBe('Bearer realm="wirefeed partners"');
    expect(result.headers?.['cache-control']?.value).toBe('no-store');
    expect(await status(viewerRequest(FEED, { query: { key: '' } }))).toBe(401);
  });

  it('answers 401 for an Authorization header that is not a Bearer key', async () => {
    const basic = Buffer.from(`acme:${acmeKey}`).toString('base64');
    const result = (await fn.handler(viewerRequest(FEED, { headers: { authorization: `Basic ${basic}` } }))) as CfResponse;
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['www-authenticate']?.value).toBe('Bearer realm="wirefeed partners", error="invalid_request"');
  });

  it('answers 403 for a wrong key, another partner\'s key, and an unknown or revoked partner', async () => {
    expect(await status(viewerRequest(FEED, { query: { key: generateKey() } }))).toBe(403);
    expect(await status(viewerRequest(FEED, { query: { key: otherKey } }))).toBe(403);
    expect(await status(viewerRequest(FEED, { headers: { authorization: `Bearer ${otherKey}` } }))).toBe(403);
    expect(await status(viewerRequest('/partners/nobody/rss.xml', { query: { key: acmeKey } }))).toBe(403);
    // A key whose hash is stored is not the key: presenting the hash itself fails.
    expect(await status(viewerRequest(FEED, { query: { key: hashKey(acmeKey) } }))).toBe(403);
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey.repeat(10) } }))).toBe(403);
  });

  it('after rotation accepts the new key and the old one only during the grace period', async () => {
    // Given acme rotated with a 24 h grace
    const newKey = generateKey();
    const now = new Date();
    const stored = JSON.parse(store.values.get(recordKeyOf('acme'))!) as PartnerKeyRecord;
    put('acme', rotateRecord(stored, hashKey(newKey), now, 24));
    // Then both keys work
    expect(await status(viewerRequest(FEED, { query: { key: newKey } }))).toBe('pass');
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey } }))).toBe('pass');
    // When the grace period has passed, only the new key works
    put('acme', { ...rotateRecord(stored, hashKey(newKey), new Date(now.getTime() - 25 * HOUR), 24) });
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey } }))).toBe(403);
    expect(await status(viewerRequest(FEED, { query: { key: newKey } }))).toBe('pass');
  });

  it('rejects the old key at once after a rotation without grace', async () => {
    const newKey = generateKey();
    const stored = JSON.parse(store.values.get(recordKeyOf('acme'))!) as PartnerKeyRecord;
    put('acme', rotateRecord(stored, hashKey(newKey), new Date(), 0));
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey } }))).toBe(403);
    expect(await status(viewerRequest(FEED, { headers: { authorization: `Bearer ${newKey}` } }))).toBe('pass');
  });

  it('refuses every path that is not literally under /partners/, with or without a key, and never reads the store', async () => {
    // Attached to `partners/*` only: a path that reached it without that literal prefix matched by a
    // normalisation (CloudFront's or S3's) this check does not make, so passing it would fail open.
    const dodges = [
      '/', '/rss.xml', '/partnership.html', '/partners-news/rss.xml',
      '/%70artners/acme/rss.xml', '/%70%61%72%74%6e%65%72%73/acme/rss.xml', '/PARTNERS/acme/rss.xml', '/Partners/acme/rss.xml',
      '//partners/acme/rss.xml', '/./partners/acme/rss.xml', '/x/../partners/acme/rss.xml', '/%2e/partners/acme/rss.xml',
      '/partners%2facme/rss.xml', '/partners%2Facme/rss.xml', '/partners%5cacme/rss.xml', '\\partners/acme/rss.xml', 'partners/acme/rss.xml', '',
    ];
    for (const uri of dodges) {
      for (const query of [{}, { key: acmeKey }] as Array<Record<string, string>>) {
        expect(await status(viewerRequest(uri, { query })), uri).toBe(404);
      }
    }
    expect(store.reads).toEqual([]);
    // While a file name with an encoded space or accent is an ordinary partner path
    for (const uri of ['/partners/acme/a%20b.xml', '/partners/acme/caf%C3%A9/rss.xml', '/partners/acme/sections/world/rss.xml']) {
      expect(await status(viewerRequest(uri, { query: { key: acmeKey } })), uri).toBe('pass');
    }
  });

  it('answers 404 for /partners/ index paths and names that are no partner folder, even with a key', async () => {
    for (const uri of ['/partners', '/partners/', '/partners/index.html', '/partners/acme', '/partners/ACME/rss.xml', '/partners/ac%6De/rss.xml', '/partners/-x/rss.xml']) {
      expect(await status(viewerRequest(uri, { query: { key: acmeKey } })), uri).toBe(404);
    }
    expect(store.reads).toEqual([]);
  });

  it('refuses paths that could resolve outside the partner folder after the check', async () => {
    const refused = [
      '/partners/acme/../other/rss.xml', '/partners/acme/./rss.xml', '/partners/acme/%2e%2e/other/rss.xml', '/partners/acme/..%2Fother/rss.xml', '/partners/acme/..\\other/rss.xml',
      // Encoded dots, slashes and backslashes in any case, and what decodes to them once more.
      '/partners/acme/%2E%2E/other/rss.xml', '/partners/acme/.%2e/other/rss.xml', '/partners/acme/%2e./other/rss.xml', '/partners/acme/%2e/rss.xml',
      '/partners/acme/..%2fother%2frss.xml', '/partners/acme/..%5cother%5crss.xml', '/partners/acme/..%5Cother/rss.xml', '/partners/acme/%252e%252e/other/rss.xml',
      '/partners/acme/%252f/rss.xml', '/partners/acme/rss.xml%00.html', '/partners/acme/rss.xml%0a', '/partners/acme/a\u0000b',
      // Empty segments: S3 keeps them, but a cache or a proxy in between may collapse them.
      '/partners/acme//rss.xml', '/partners//acme/rss.xml', '/partners/acme/x//../../other/rss.xml',
      // Dot segments that would end inside or outside the folder alike, trailing ones included.
      '/partners/acme/x/../rss.xml', '/partners/acme/..', '/partners/acme/.', '/partners/acme/x/..',
      // Not a valid percent-encoding: whatever decodes it next would guess.
      '/partners/acme/%zz.xml', '/partners/acme/%e0%80%ae%e0%80%ae/other/rss.xml',
    ];
    for (const uri of refused) {
      expect(await status(viewerRequest(uri, { query: { key: acmeKey } })), uri).toBe(400);
    }
    expect(store.reads).toEqual([]);
  });

  it('answers 400 for two key parameters instead of choosing one', async () => {
    expect(await status(viewerRequest(FEED, { query: { key: [acmeKey, otherKey] } }))).toBe(400);
  });

  it('refuses when the store has no usable record (fails closed)', async () => {
    store.values.set(recordKeyOf('acme'), 'not json');
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey } }))).toBe(403);
    store.values.set(recordKeyOf('acme'), JSON.stringify({ current: 42 }));
    expect(await status(viewerRequest(FEED, { query: { key: acmeKey } }))).toBe(403);
  });
});
