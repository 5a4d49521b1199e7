/**
 * The operator's settings for one deployment, read from CDK context (`cdk.json` or `-c key=value`).
 *
 * Context given on the command line always arrives as a string, context in `cdk.json` as JSON, so
 * every reader here accepts both.
 */

/** `dev` stacks delete their buckets on `cdk destroy`; `prod` stacks keep them. */
export type Stage = 'dev' | 'prod';

/** Everything the stack takes from context, checked. */
export interface FeedStackConfig {
  stage: Stage;
  /** Override of `site.json`'s title; unset leaves the content's own setting. */
  siteTitle?: string;
  siteDescription?: string;
  siteLanguage?: string;
  itemLimit?: number;
  /** Custom domain (e.g. `feeds.example.com`); needs `certificateArn`. */
  domainName?: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront only reads certificates there). */
  certificateArn?: string;
  /**
   * Ship `content/` into the content bucket on deploy, so a fresh stack shows feeds. Only a `dev`
   * stack may: the samples are real-looking agency stories, and nothing removes them once published.
   */
  sampleContent: boolean;
  /** Address subscribed to the alarm topic (SNS sends a confirmation mail first); unset, the topic has no subscriber. */
  alarmEmail?: string;
  /** Days a replaced or deleted content object is kept beyond the newest few versions. */
  noncurrentVersionDays: number;
  /**
   * Start the rebuild state machine every night. Off by default: its finishing step is one
   * invocation of the rebuilder (15 minutes, one vCPU) that reads the whole archive, ~8 ms of CPU per
   * story when little changed, so it suits archives up to roughly 90 000 stories (docs/deploy.md, "Rebuild").
   */
  dailyRebuild: boolean;
}

/** A context value the stack cannot use; the message names the key and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type ContextReader = (key: string) => unknown;

/** Reads and checks the stack's context keys (see docs/deploy.md for each). */
export function readConfig(context: ContextReader): FeedStackConfig {
  const stage = optionalString(context, 'stage') ?? 'prod';
  if (stage !== 'dev' && stage !== 'prod') throw new ConfigError(`context stage: expected "dev" or "prod", got "${stage}"`);
  const domainName = optionalString(context, 'domainName');
  const certificateArn = optionalString(context, 'certificateArn');
  checkDomain(domainName, certificateArn);
  const sampleContent = optionalBoolean(context, 'sampleContent') ?? stage === 'dev';
  if (sampleContent && stage !== 'dev') {
    throw new ConfigError('context sampleContent: sample stories are for stage=dev only (a prod stack would publish them to its feeds and keep them)');
  }
  return {
    stage,
    siteTitle: optionalString(context, 'siteTitle'),
    siteDescription: optionalString(context, 'siteDescription'),
    siteLanguage: optionalString(context, 'siteLanguage'),
    itemLimit: optionalInteger(context, 'itemLimit', 1, 1000),
    domainName,
    certificateArn,
    sampleContent,
    alarmEmail: optionalEmail(context, 'alarmEmail'),
    noncurrentVersionDays: optionalInteger(context, 'noncurrentVersionDays', 1, 36500) ?? 365,
    dailyRebuild: optionalBoolean(context, 'dailyRebuild') ?? false,
  };
}

function checkDomain(domainName: string | undefined, certificateArn: string | undefined): void {
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new ConfigError('context domainName and certificateArn: give both or neither (CloudFront needs a certificate for a custom domain)');
  }
  if (domainName && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domainName)) {
    throw new ConfigError(`context domainName: expected a host name like feeds.example.com, got "${domainName}"`);
  }
  // CloudFront accepts only certificates issued in us-east-1, whatever region the stack is in.
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new ConfigError(`context certificateArn: expected an ACM certificate ARN in us-east-1, got "${certificateArn}"`);
  }
}

function optionalString(context: ContextReader, key: string): string | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`context ${key}: expected a string, got ${JSON.stringify(value)}`);
  return value.trim() || undefined;
}

function optionalEmail(context: ContextReader, key: string): string | undefined {
  const value = optionalString(context, key);
  // SNS checks the address itself; this only catches a value that is plainly something else (an ARN, a name).
  if (value !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw new ConfigError(`context ${key}: expected an e-mail address, got "${value}"`);
  return value;
}

function optionalInteger(context: ContextReader, key: string, min: number, max: number): number | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(`context ${key}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

function optionalBoolean(context: ContextReader, key: string): boolean | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(`context ${key}: expected true or false, got ${JSON.stringify(value)}`);
}
