import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import { PAGE_CSP } from '../functions/core/http/security-headers.js';
import { FEED_VIEW_FUNCTION, VIEWER_REQUEST_FUNCTION } from './paths.js';
import { edgeFunctionCode, FEED_FORMAT_SUBSTITUTIONS } from './edge-code.js';
import { STATE_PREFIX } from './storage.js';

/**
 * The Content-Security-Policy every response carries (the local preview's, from core): no script,
 * no inline style. feed-view.js relaxes it for RSS/Atom only, so a browser shown one may run our XSL view.
 */
export const CONTENT_SECURITY_POLICY = PAGE_CSP;

/** What the distribution serves and under which name. */
export interface FeedDeliveryProps {
  site: s3.Bucket;
  logs: s3.Bucket;
  domainName?: string;
  certificateArn?: string;
}

/** CloudFront in front of the site bucket: HTTPS only, compressed, cached as the objects say. */
export class FeedDelivery extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://` + the custom domain, or the distribution's own domain. */
  readonly siteUrl: string;
  /** The site bucket origin and response headers, for behaviours other constructs add (partners/*). */
  readonly origin: cloudfront.IOrigin;
  readonly cachePolicy: cloudfront.ICachePolicy;
  readonly headers: cloudfront.IResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: FeedDeliveryProps) {
    super(scope, id);
    const origin = origins.S3BucketOrigin.withOriginAccessControl(props.site, {
      originAccessLevels: [cloudfront.AccessLevel.READ],
    });

    const cachePolicy = new cloudfront.CachePolicy(this, 'HonourCacheControl', {
      comment: 'wirefeed: TTL from each object Cache-Control; compressed variants cached apart',
      // min 0 lets a feed's short max-age win; the default applies only to objects without a header.
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'wirefeed: CORS GET for feed readers in browsers, strict security headers',
      corsBehavior: {
        // Web feed readers fetch feed.json and the XML feeds from other origins; nothing is private.
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    // The publisher's state objects live in the same bucket as the site. The bucket policy below is
    // the real guard; this function answers 404 at the edge so they are not even looked up.
    const hideState = new cloudfront.Function(this, 'HideState', {
      comment: `wirefeed: 404 for /${STATE_PREFIX}*`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler() { return { statusCode: 404, statusDescription: 'Not Found', headers: { 'cache-control': { value: 'no-store' } } }; }",
      ),
    });

    // Feed URLs answer by Accept (see viewer-request.js), so their responses say Vary: Accept.
    const feedView = new cloudfront.Function(this, 'FeedView', {
      comment: 'wirefeed: Vary: Accept on feed paths, and the feed CSP',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(edgeFunctionCode(FEED_VIEW_FUNCTION, FEED_FORMAT_SUBSTITUTIONS)),
    });

    // Behaviours match the path as sent, S3 decodes it: `/%70artners/…` would skip the partner key check.
    // The same function sends a browser asking for a feed to the feed's HTML page (one per event type).
    const guardPaths = new cloudfront.Function(this, 'GuardPaths', {
      comment: 'wirefeed: 404 for encoded paths into partners/ or the state prefix; browsers to feed pages',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(edgeFunctionCode(VIEWER_REQUEST_FUNCTION, FEED_FORMAT_SUBSTITUTIONS)),
    });

    const certificate = props.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'wirefeed feeds',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // The default *.cloudfront.net certificate has a fixed policy; ours is set with our certificate.
      ...(certificate && {
        certificate,
        domainNames: [props.domainName as string],
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: guardPaths },
          { eventType: cloudfront.FunctionEventType.VIEWER_RESPONSE, function: feedView },
        ],
      },
      additionalBehaviors: {
        [`/${STATE_PREFIX}*`]: {
          origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: headers,
          functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: hideState }],
        },
      },
    });

    // A path behaviour can be dodged (e.g. `/%5Fwirefeed/…` reaches the same S3 key), so the bucket
    // itself refuses CloudFront anything under the state prefix.
    props.site.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyCloudFrontPublisherState',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [props.site.arnForObjects(`${STATE_PREFIX}*`)],
      }),
    );

    this.siteUrl = `https://${props.domainName ?? this.distribution.distributionDomainName}`;
    this.origin = origin;
    this.cachePolicy = cachePolicy;
    this.headers = headers;

    acknowledge(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Feeds are public news syndication for readers and partners worldwide; there is no country to exclude.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static, cache-only GET site without forms, logins or origin compute; WAF adds a fixed monthly cost the threat does not justify. Attach a web ACL later if abuse appears.',
      },
      ...(props.domainName
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; with domainName + certificateArn the stack sets TLSv1.2_2021.',
            },
          ]),
    ]);
  }
}
