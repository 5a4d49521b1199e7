import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, nagArnToken } from './acknowledge.js';
import type { FeedStackConfig } from './config.js';
import { lambdaBundling } from './lambda-bundling.js';
import { PUBLISHER_ENTRY, REBUILDER_ENTRY, REPO_ROOT } from './paths.js';
import { PUBLISHER_SQS_SOURCE } from './publisher-queue.js';

/** Function timeout; the queue's visibility timeout is derived from it. */
export const PUBLISHER_TIMEOUT = Duration.seconds(60);

/**
 * The rebuilder runs the rebuild state machine's steps, the last of which reads and writes the whole
 * archive in one invocation: Lambda's longest timeout, and the memory that buys one whole vCPU (a
 * rebuild is CPU-bound once its requests overlap; at 512 MB a function gets about a third of a
 * core). Its live heap grows by ~3 KB a story (docs/performance.md §5), so the CPU and the timeout
 * decide how large an archive it can rebuild well before memory does (§7).
 */
export const REBUILDER_TIMEOUT = Duration.minutes(15);
export const REBUILDER_MEMORY_MB = 1769;

/** What the publisher reads, writes and invalidates. */
export interface PublisherProps {
  config: FeedStackConfig;
  content: s3.Bucket;
  site: s3.Bucket;
  distribution: cloudfront.Distribution;
  siteUrl: string;
}

/**
 * The publisher Lambda, its queue of story changes (S3 → SQS → Lambda) with a dead-letter queue,
 * its log group and a role that can do exactly what publishing needs; and the rebuilder, the steps
 * of the rebuild state machine (infra/rebuild-machine.ts) with room for a full rebuild, which the
 * queue never invokes.
 */
export class Publisher extends Construct {
  readonly function: nodejs.NodejsFunction;
  /** Same build settings, its own entry (functions/handlers/rebuild-step.ts) and role (the publisher's grants and the move of imports); invoked by the rebuild state machine. */
  readonly rebuilder: nodejs.NodejsFunction;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PublisherProps) {
    super(scope, id);
    const { config, content, site, distribution } = props;
    const disposable = config.stage === 'dev';

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'StoryChanges', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice for SQS sources: at least six times the function timeout, so a message is
      // not handed out again while a retried invocation still works on it.
      visibilityTimeout: Duration.seconds(PUBLISHER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // Our own roles: the default one brings the AWS-managed AWSLambdaBasicExecutionRole, which may
    // write to any log group in the account. The rebuilder's is the publisher's and the move of bulk
    // imports (import/ to stories/), which the publisher must not be able to do.
    const role = this.publishingRole('Role', 'wirefeed publisher: read stories and media, write the site, invalidate its distribution', content, site, distribution);
    const rebuilderRole = this.publishingRole('RebuilderRole', 'wirefeed rebuilder: as the publisher, and move bulk imports from import/ to stories/', content, site, distribution);
    grantImportMove(rebuilderRole, content);

    const environment = publisherEnvironment(props);
    this.function = bundledHandler(this, 'Function', PUBLISHER_ENTRY, {
      description: 'wirefeed: ninjs stories to RSS, Atom and JSON Feed on S3',
      memorySize: 512,
      timeout: PUBLISHER_TIMEOUT,
      role,
      logGroup: this.logGroup,
      environment,
    });
    this.rebuilder = bundledHandler(this, 'Rebuilder', REBUILDER_ENTRY, {
      description: 'wirefeed: full rebuild of the site and publisher state from every story',
      memorySize: REBUILDER_MEMORY_MB,
      timeout: REBUILDER_TIMEOUT,
      role: rebuilderRole,
      logGroup: this.logGroup,
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'wirefeed-rebuild' },
    });

    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: PUBLISHER_SQS_SOURCE.batchSize,
        maxBatchingWindow: Duration.seconds(PUBLISHER_SQS_SOURCE.batchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: PUBLISHER_SQS_SOURCE.maxConcurrency,
      }),
    );

    const changes = new s3n.SqsDestination(this.queue);
    const stories = { prefix: 'stories/', suffix: '.json' };
    content.addEventNotification(s3.EventType.OBJECT_CREATED, changes, stories);
    content.addEventNotification(s3.EventType.OBJECT_REMOVED, changes, stories);

    for (const fn of [this.function, this.rebuilder]) {
      acknowledge(fn, [
        {
          id: 'AwsSolutions-L1',
          reason:
            'Pinned to nodejs22.x on purpose: the bundle targets Node 22 (esbuild target node22) (the test suite runs the code and the bundle on Node 20); nodejs22.x is a supported LTS runtime. Move to the next LTS in one line when the project does.',
        },
      ]);
    }
    acknowledge(
      rebuilderRole,
      [`${nagArnToken(content)}/import/*`].map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: 'Object ARNs need a key wildcard; this one is confined to the import prefix of the content bucket, whose files the rebuild reads and moves to stories/. No action wildcards.',
      })),
    );
  }

  /** A role that can do exactly what publishing needs: read the content, write the site, log, invalidate. */
  private publishingRole(id: string, description: string, content: s3.Bucket, site: s3.Bucket, distribution: cloudfront.Distribution): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
    this.logGroup.grantWrite(role);
    grantPublishing(role, content, site);
    distribution.grantCreateInvalidation(role);
    const wildcardReason =
      'Object ARNs need a key wildcard; this one is confined to one prefix of the content bucket (read only) or to the site bucket the function alone writes. No action wildcards.';
    acknowledge(
      role,
      [`${nagArnToken(content)}/stories/*`, `${nagArnToken(content)}/media/*`, `${nagArnToken(site)}/*`].map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: wildcardReason,
      })),
    );
    return role;
  }
}

/**
 * The move of bulk imports (docs/decisions/005, "Bulk import"): the scan reads import/, the move
 * copies each file to stories/ (a copy reads its source and puts its target) and deletes it from
 * import/. Nothing else of the content bucket is written.
 */
function grantImportMove(role: iam.Role, content: s3.Bucket): void {
  role.addToPolicy(new iam.PolicyStatement({ sid: 'ReadAndRemoveImports', actions: ['s3:GetObject', 's3:DeleteObject'], resources: [content.arnForObjects('import/*')] }));
  role.addToPolicy(new iam.PolicyStatement({ sid: 'MoveImportsToStories', actions: ['s3:PutObject'], resources: [content.arnForObjects('stories/*')] }));
}

/** What differs between the publisher and the rebuilder besides the entry; the runtime and bundling are one. */
type HandlerSettings = Required<Pick<nodejs.NodejsFunctionProps, 'description' | 'memorySize' | 'timeout' | 'role' | 'logGroup' | 'environment'>>;

/** A handler of functions/handlers/ bundled for Lambda. */
function bundledHandler(scope: Construct, id: string, entry: string, settings: HandlerSettings): nodejs.NodejsFunction {
  return new nodejs.NodejsFunction(scope, id, {
    ...settings,
    entry,
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    // Explicit: without it NodejsFunction falls back to an old Node unless a feature flag is set.
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    loggingFormat: lambda.LoggingFormat.JSON,
    // The esbuild options of infra/lambda-esbuild.mjs, which the bench bundles with too.
    bundling: { ...lambdaBundling(), forceDockerBundling: false },
  });
}

/** Least privilege, written out: no `s3:*`, no action wildcards, content read-only. */
function grantPublishing(role: iam.Role, content: s3.Bucket, site: s3.Bucket): void {
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ReadContent',
      actions: ['s3:GetObject'],
      resources: [content.arnForObjects('stories/*'), content.arnForObjects('media/*'), content.arnForObjects('site.json')],
    }),
  );
  // ListBucket makes a missing key answer 404 instead of 403, so a story deleted between event and
  // read is seen as deleted rather than as a permission failure; and a rebuild lists stories/.
  role.addToPolicy(new iam.PolicyStatement({ sid: 'ListContent', actions: ['s3:ListBucket'], resources: [content.bucketArn] }));
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'WriteSite',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [site.arnForObjects('*')],
    }),
  );
  role.addToPolicy(new iam.PolicyStatement({ sid: 'ListSite', actions: ['s3:ListBucket'], resources: [site.bucketArn] }));
}

/** The handler's configuration (names from functions/handlers/publish.ts); unset context stays unset. */
function publisherEnvironment(props: PublisherProps): Record<string, string> {
  const { config } = props;
  const optional: Record<string, string | number | undefined> = {
    SITE_TITLE: config.siteTitle,
    SITE_DESCRIPTION: config.siteDescription,
    SITE_LANGUAGE: config.siteLanguage,
    ITEM_LIMIT: config.itemLimit,
  };
  const environment: Record<string, string> = {
    CONTENT_BUCKET: props.content.bucketName,
    SITE_BUCKET: props.site.bucketName,
    SITE_URL: props.siteUrl,
    DISTRIBUTION_ID: props.distribution.distributionId,
    POWERTOOLS_SERVICE_NAME: 'wirefeed-publish',
    POWERTOOLS_METRICS_NAMESPACE: 'wirefeed',
    // Stack traces point into functions/… instead of the minified bundle.
    NODE_OPTIONS: '--enable-source-maps',
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) environment[key] = String(value);
  return environment;
}
