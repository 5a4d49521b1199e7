import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCloudFrontFunction, viewerRequest, type FakeKeyValueStore } from '../../test/support/cloudfront-function-runtime.js';
import { kvsRequestHandler, startLocalKvs, type LocalKvs } from '../../test/support/local-kvs.js';
import { openPartnerKeyStore } from '../adapters/partner-key-store.js';
import { hashKey, parseRecord } from '../use-cases/partner-keys/partner-key-record.js';
import { main } from './cli.js';
import { runPartnerKeyCommand } from './partner-key-command.js';

const KVS_ARN = 'arn:aws:cloudfront::123456789012:key-value-store/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const EDGE_FUNCTION = fileURLToPath(new URL('../edge/partner-auth.js', import.meta.url));
const NOW = new Date('2026-03-01T12:00:00Z');
const ENV = ['AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;

let kvs: LocalKvs;
const savedEnv: Record<string, string | undefined> = {};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function wirefeed(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runPartnerKeyCommand(
    argv,
    { stdout: (text) => (stdout += text), reporter: { error: (line) => (stderr += `error: ${line}\n`), info: (line) => (stderr += `${line}\n`) } },
    // The real SDK client; only the name resolution is local (see local-kvs.ts).
    { openStore: (arn) => openPartnerKeyStore(arn, { requestHandler: kvsRequestHandler() }), now: () => NOW },
  );
  return { code, stdout, stderr };
}

function storedRecord(partner: string) {
  return parseRecord(kvs.values.get(`partner:${partner}`)!, partner);
}

/** Everything that went over the wire to the store, for "the key never left" assertions. */
function wire(): string {
  return JSON.stringify(kvs.requests);
}

/** The edge function reading what the command wrote. */
async function edgeStatus(partner: string, key: string): Promise<number | 'pass'> {
  const store: FakeKeyValueStore = { values: new Map(kvs.values), reads: [] };
  const fn = loadCloudFrontFunction(EDGE_FUNCTION, store, { __WIREFEED_KVS_ID__: 'kvs' });
  const result = await fn.handler(viewerRequest(`/partners/${partner}/rss.xml`, { headers: { authorization: `Bearer ${key}` } }));
  return 'statusCode' in result ? result.statusCode : 'pass';
}

beforeAll(async () => {
  kvs = await startLocalKvs();
  for (const name of ENV) savedEnv[name] = process.env[name];
  process.env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE = kvs.endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCALTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'local-test-secret';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

afterAll(async () => {
  await kvs.stop();
  for (const name of ENV) if (savedEnv[name] === undefined) delete process.env[name];
  else process.env[name] = savedEnv[name];
});

beforeEach(() => {
  kvs.values.clear();
  kvs.requests.length = 0;
});

describe('wirefeed partner-key', () => {
  it('create prints a new key once on stdout and stores only its SHA-256 hash', async () => {
    // When
    const run = await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    // Then the key is stdout's only line: 32 random bytes as base64url
    expect(run.code, run.stderr).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.stdout).toBe(`${key}\n`);
    // And the store holds its hash, nothing else secret
    const value = kvs.values.get('partner:acme')!;
    expect(JSON.parse(value)).toEqual({ current: hashKey(key), currentSince: NOW.toISOString() });
    // And the key went nowhere but stdout: not over the wire, not to stderr
    expect(wire()).not.toContain(key);
    expect(run.stderr).not.toContain(key);
    expect(await edgeStatus('acme', key)).toBe('pass');
  });

  it('writes with SigV4A to the account endpoint, naming the ETag from DescribeKeyValueStore', async () => {
    const etagBefore = kvs.etag();
    await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    const describe = kvs.requests.find((r) => r.method === 'GET' && !r.path.includes('/keys'))!;
    const put = kvs.requests.find((r) => r.method === 'PUT')!;
    expect(describe.path).toBe(`/key-value-stores/${encodeURIComponent(KVS_ARN)}`);
    expect(put.path).toBe(`/key-value-stores/${encodeURIComponent(KVS_ARN)}/keys/partner%3Aacme`);
    expect(put.headers['if-match']).toBe(etagBefore);
    expect(kvs.etag()).not.toBe(etagBefore);
    expect(put.headers.host).toMatch(/^123456789012\.kvs\.test:\d+$/);
    expect(put.headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKIDLOCALTEST\/\d{8}\/cloudfront-keyvaluestore\/aws4_request/);
    expect(put.headers['x-amz-region-set']).toBe('*');
  });

  it('refuses to create a second key for the same partner', async () => {
    await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    const before = kvs.values.get('partner:acme');
    const run = await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('already has a key; use "partner-key rotate"');
    expect(kvs.values.get('partner:acme')).toBe(before);
  });

  it('rotate keeps the old key valid for the grace period; rotate --grace-hours 0 ends it at once', async () => {
    // Given
    const first = (await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN)).stdout.trim();
    // When rotating with the default grace
    const rotated = await wirefeed('rotate', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    const second = rotated.stdout.trim();
    // Then the record names both hashes, the old one until now + 24 h
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(second).not.toBe(first);
    expect(storedRecord('acme')).toEqual({
      current: hashKey(second),
      currentSince: NOW.toISOString(),
      previous: hashKey(first),
      previousUntil: '2026-03-02T12:00:00.000Z',
    });
    expect(rotated.stderr).toContain('previous key stays valid until 2026-03-02T12:00:00.000Z');
    // The edge grace is judged by the edge's clock (now), so use a record whose grace is open now.
    const graceOpen = { ...storedRecord('acme'), previousUntil: new Date(Date.now() + 3_600_000).toISOString() };
    kvs.values.set('partner:acme', JSON.stringify(graceOpen));
    expect(await edgeStatus('acme', first)).toBe('pass');
    expect(await edgeStatus('acme', second)).toBe('pass');

    // When rotating again without grace
    const third = (await wirefeed('rotate', '--partner', 'acme', '--kvs-arn', KVS_ARN, '--grace-hours', '0')).stdout.trim();
    // Then only the newest key works
    expect(storedRecord('acme')).toEqual({ current: hashKey(third), currentSince: NOW.toISOString() });
    expect(await edgeStatus('acme', third)).toBe('pass');
    expect(await edgeStatus('acme', second)).toBe(403);
    expect(await edgeStatus('acme', first)).toBe(403);
    expect(wire()).not.toContain(first);
    expect(wire()).not.toContain(third);
  });

  it('rotate without an existing key fails and prints nothing', async () => {
    const run = await wirefeed('rotate', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(kvs.values.size).toBe(0);
  });

  it('revoke deletes the partner record; its key then gets 403 at the edge', async () => {
    const key = (await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN)).stdout.trim();
    await wirefeed('create', '--partner', 'beta', '--kvs-arn', KVS_ARN);
    const run = await wirefeed('revoke', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    expect(run.code, run.stderr).toBe(0);
    expect([...kvs.values.keys()]).toEqual(['partner:beta']);
    expect(kvs.requests.find((r) => r.method === 'DELETE')?.headers['if-match']).toMatch(/^KV/);
    expect(await edgeStatus('acme', key)).toBe(403);
    expect((await wirefeed('revoke', '--partner', 'acme', '--kvs-arn', KVS_ARN)).code).toBe(1);
  });

  it('list names partners and key dates, never keys or hashes', async () => {
    await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    await wirefeed('create', '--partner', 'beta', '--kvs-arn', KVS_ARN);
    await wirefeed('rotate', '--partner', 'beta', '--kvs-arn', KVS_ARN, '--grace-hours', '2');
    kvs.values.set('unrelated', 'x');
    const run = await wirefeed('list', '--kvs-arn', KVS_ARN);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'acme  key since 2026-03-01T12:00:00.000Z\n' + 'beta  key since 2026-03-01T12:00:00.000Z  previous key valid until 2026-03-01T14:00:00.000Z\n',
    );
    expect(run.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('retries on fresh data when another writer changed the store between describe and write', async () => {
    kvs.interveneOnce();
    const run = await wirefeed('create', '--partner', 'acme', '--kvs-arn', KVS_ARN);
    expect(run.code, run.stderr).toBe(0);
    expect(kvs.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
    expect(storedRecord('acme').current).toBe(hashKey(run.stdout.trim()));
  });

  it('reports usage errors with exit code 2 and touches nothing', async () => {
    expect((await wirefeed('create', '--partner', 'acme')).code).toBe(2);
    expect((await wirefeed('create', '--kvs-arn', KVS_ARN)).code).toBe(2);
    const bad = await wirefeed('create', '--partner', '../acme', '--kvs-arn', KVS_ARN);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lowercase letters, digits and hyphens');
    expect((await wirefeed('rotate', '--partner', 'acme', '--kvs-arn', KVS_ARN, '--grace-hours', '-1')).code).toBe(2);
    expect((await wirefeed('shred', '--kvs-arn', KVS_ARN)).code).toBe(2);
    expect(kvs.requests).toEqual([]);
  });

  it('is wired into the wirefeed CLI', async () => {
    let stderr = '';
    const reporter = { error: (line: string) => (stderr += `error: ${line}\n`), info: (line: string) => (stderr += `${line}\n`) };
    let stdout = '';
    // Asked-for help is output: stdout, exit 0
    expect(await main(['partner-key', '--help'], reporter, (text) => (stdout += text))).toBe(0);
    expect(stdout).toContain('wirefeed partner-key rotate --partner NAME --kvs-arn ARN [--grace-hours N]');
    expect(stderr).toBe('');
    expect(await main(['partner-key', 'list'], reporter)).toBe(2);
    expect(stderr).toContain('error: partner-key list needs --kvs-arn ARN');
    expect(kvs.requests).toEqual([]);
  });
});
