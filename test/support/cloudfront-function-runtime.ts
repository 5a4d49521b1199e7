/**
 * Test support: runs a CloudFront Function file (cloudfront-js-2.0) in a bare `node:vm` context
 * with stand-ins for the two modules that runtime provides: `cloudfront` (KeyValueStore, here an
 * in-memory map) and `crypto` (hash/HMAC only, as documented). The real runtime cannot run here;
 * this double keeps its limits visible: no `require`, no `process`, no network globals.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Script, createContext } from 'node:vm';

/** CloudFront Functions' event shapes, the parts our functions read. */
export interface CfValue {
  value: string;
  multiValue?: CfValue[];
}
export interface CfRequest {
  method: string;
  uri: string;
  querystring: Record<string, CfValue>;
  headers: Record<string, CfValue>;
  cookies: Record<string, CfValue>;
}
export interface CfResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, CfValue>;
}

/** The in-memory key value store; `reads` records the KVS id each lookup named. */
export interface FakeKeyValueStore {
  values: Map<string, string>;
  reads: string[];
}

/** A loaded function. */
export interface LoadedFunction {
  handler(event: { request: CfRequest }): Promise<CfRequest | CfResponse>;
  /** Bytes of the code as deployed (after substitutions): the runtime allows 10 KB. */
  size: number;
}

const HASHES = new Set(['md5', 'sha1', 'sha256']);
const DIGESTS = new Set(['hex', 'base64', 'base64url']);

/** The runtime's crypto module: createHash/createHmac with md5, sha1, sha256 only. */
function runtimeCrypto() {
  const check = (algorithm: string) => {
    if (!HASHES.has(algorithm)) throw new Error(`crypto: ${algorithm} is not available in CloudFront Functions`);
  };
  const wrap = (hash: { update(data: string): unknown; digest(encoding?: 'hex' | 'base64' | 'base64url'): unknown }) => {
    const handle = {
      update(data: string) {
        hash.update(data);
        return handle;
      },
      digest(encoding?: string) {
        if (encoding !== undefined && !DIGESTS.has(encoding)) throw new Error(`crypto: digest encoding ${encoding} is not available`);
        return hash.digest(encoding as 'hex' | undefined);
      },
    };
    return handle;
  };
  return {
    createHash: (algorithm: string) => (check(algorithm), wrap(createHash(algorithm))),
    createHmac: (algorithm: string, secret: string) => (check(algorithm), wrap(createHmac(algorithm, secret))),
  };
}

/** The runtime's `cloudfront` module: `kvs(id).get(key, {format})` throws for a missing key. */
function runtimeCloudfront(store: FakeKeyValueStore) {
  return {
    kvs(id: string) {
      return {
        async get(key: string, options?: { format?: 'string' | 'json' | 'bytes' }) {
          store.reads.push(id);
          const value = store.values.get(key);
          if (value === undefined) throw new Error(`KVS key not found: ${key}`);
          return options?.format === 'json' ? JSON.parse(value) : value;
        },
        async exists(key: string) {
          store.reads.push(id);
          return store.values.has(key);
        },
      };
    },
  };
}

/** The module imports a cloudfront-js-2.0 function may have, as this double understands them. */
const IMPORT_LINE = /^import (\w+) from '(cloudfront|crypto)';$/;

/**
 * Loads `file` as CloudFront would run it. `substitutions` are applied to the source first (as
 * the stack does with the KVS id). Any other import, `require` or `export` fails the load.
 */
export function loadCloudFrontFunction(file: string, store: FakeKeyValueStore, substitutions: Record<string, string> = {}): LoadedFunction {
  let source = readFileSync(file, 'utf8');
  for (const [from, to] of Object.entries(substitutions)) source = source.split(from).join(to);
  const modules: Record<string, unknown> = { cloudfront: runtimeCloudfront(store), crypto: runtimeCrypto() };
  const bindings: Record<string, unknown> = {};
  const body = source
    .split('\n')
    .map((line) => {
      const match = IMPORT_LINE.exec(line);
      if (!match) return line;
      bindings[match[1]!] = modules[match[2]!];
      return '';
    })
    .join('\n');
  if (/^\s*(import|export)\b|\brequire\s*\(/m.test(body)) throw new Error(`${file}: only "import x from 'cloudfront'|'crypto'" is allowed`);
  const context = createContext({ ...bindings, console });
  new Script(`${body}\n;globalThis.__handler = handler;`, { filename: file }).runInContext(context);
  const handler = (context as { __handler: LoadedFunction['handler'] }).__handler;
  return { handler, size: Buffer.byteLength(source) };
}

/** A viewer request event as CloudFront builds it (lowercase header names). */
export function viewerRequest(uri: string, options: { query?: Record<string, string | string[]>; headers?: Record<string, string> } = {}): { request: CfRequest } {
  const querystring: Record<string, CfValue> = {};
  for (const [name, value] of Object.entries(options.query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    querystring[name] = values.length > 1 ? { value: values[0]!, multiValue: values.map((v) => ({ value: v })) } : { value: values[0]! };
  }
  const headers: Record<string, CfValue> = { host: { value: 'feeds.example.com' } };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = { value };
  return { request: { method: 'GET', uri, querystring, headers, cookies: {} } };
}
