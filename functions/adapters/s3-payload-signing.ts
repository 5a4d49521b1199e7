import type { S3Client } from '@aws-sdk/client-s3';

const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

/**
 * Signs request bodies sent over TLS as `UNSIGNED-PAYLOAD` instead of hashing them with SHA-256
 * for SigV4, which S3 accepts (the AWS SDK for Java does the same over HTTPS by default). TLS keeps
 * the body from being changed in transit, and the SDK's request checksum (CRC32, in a signed
 * header) still lets S3 refuse a damaged one. A publish puts megabytes of feeds and windows; their
 * SHA-256 was 7 % of its CPU. Plain-HTTP endpoints (the local test servers) keep signed payloads,
 * and a request whose payload hash is already set (streaming uploads) is left as it is.
 */
export function skipPayloadHashOverTls(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { protocol?: string; headers?: Record<string, string>; body?: unknown };
      const { headers } = request;
      if (request.protocol === 'https:' && headers && request.body != null && !Object.keys(headers).some((name) => name.toLowerCase() === PAYLOAD_HASH_HEADER)) {
        headers[PAYLOAD_HASH_HEADER] = 'UNSIGNED-PAYLOAD';
      }
      return next(args);
    },
    { step: 'build', name: 'wirefeedUnsignedPayloadOverTls' },
  );
  return client;
}
