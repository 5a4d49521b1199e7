import { join } from 'node:path';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { REPO_ROOT } from './paths.js';
import { edgeFunctionCode } from './edge-code.js';

/** The deployed edge function, exactly as tested by functions/edge/partner-auth.test.ts. */
export const PARTNER_AUTH_SOURCE = join(REPO_ROOT, 'functions', 'edge', 'partner-auth.js');
/** The placeholder in that file which the stack replaces with the key value store's id. */
export const KVS_ID_PLACEHOLDER = '__WIREFEED_KVS_ID__';
/** Where partner feeds are published; CloudFront path patterns are case-sensitive. */
export const PARTNER_PATH_PATTERN = 'partners/*';

/** The distribution to protect and what its other behaviours serve with. */
export interface PartnerAccessProps {
  distribution: cloudfront.Distribution;
  origin: cloudfront.IOrigin;
  /** The site's cache policy: it keys on no query string, header or cookie, which partners need too. */
  cachePolicy: cloudfront.ICachePolicy;
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy;
}

/**
 * Per-partner keys for `/partners/<name>/…`: a KeyValueStore of key hashes (written by
 * `wirefeed partner-key`), the viewer-request function that checks them, and the behaviour.
 */
export class PartnerAccess extends Construct {
  readonly keyValueStore: cloudfront.KeyValueStore;
  readonly function: cloudfront.Function;

  constructor(scope: Construct, id: string, props: PartnerAccessProps) {
    super(scope, id);
    this.keyValueStore = new cloudfront.KeyValueStore(this, 'Keys', {
      comment: 'wirefeed partner feed keys: SHA-256 hashes only, managed by wirefeed partner-key',
    });

    this.function = new cloudfront.Function(this, 'Auth', {
      comment: 'wirefeed: per-partner key check for /partners/*',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      keyValueStore: this.keyValueStore,
      code: cloudfront.FunctionCode.fromInline(edgeFunctionCode(PARTNER_AUTH_SOURCE, { [KVS_ID_PLACEHOLDER]: this.keyValueStore.keyValueStoreId })),
    });

    // The function runs on viewer request, before the cache lookup, so a cached partner feed is
    // still only served to a valid key. The site's cache policy keys on no query string and no
    // header, so `?key=` and Authorization never split the cache: one copy per object.
    props.distribution.addBehavior(PARTNER_PATH_PATTERN, props.origin, {
      // HTTPS only, not a redirect: a key sent over plain HTTP has already leaked, and a redirect
      // would make it work, so the partner would never notice.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      cachePolicy: props.cachePolicy,
      responseHeadersPolicy: props.responseHeadersPolicy,
      functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: this.function }],
    });

    // At stack level, so the output keeps this plain name for `wirefeed partner-key --kvs-arn`.
    new CfnOutput(Stack.of(this), 'PartnerKeyValueStoreArn', {
      value: this.keyValueStore.keyValueStoreArn,
      description: 'Partner key store: wirefeed partner-key create|rotate|revoke|list --kvs-arn <this>',
    });
  }
}
