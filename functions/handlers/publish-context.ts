import type { S3Client } from '@aws-sdk/client-s3';
import { parseSiteConfig } from '../core/site-config.js';
import { wholeNumber } from '../core/text/whole-number.js';
import { readSiteJsonObject, s3StoryStore } from '../adapters/s3-content.js';
import { SiteWriter } from '../adapters/s3-site.js';
import { s3StateStore } from '../adapters/s3-state.js';
import { FragmentBytes } from '../core/incremental/fragment-bytes.js';
import type { PublishContext } from '../use-cases/publish/publish-context.js';

/** The Lambda's settings, from its environment. */
export interface PublishEnv {
  contentBucket: string;
  contentPrefix: string;
  siteBucket: string;
  sitePrefix: string;
  siteUrl?: string;
  distributionId?: string;
  title?: string;
  description?: string;
  language?: string;
  itemLimit?: number;
}

/** The optional settings and the environment variable each comes from. */
const OPTIONAL = { siteUrl: 'SITE_URL', distributionId: 'DISTRIBUTION_ID', title: 'SITE_TITLE', description: 'SITE_DESCRIPTION', language: 'SITE_LANGUAGE' } as const;

/** Reads the environment; missing required settings throw before any record is touched. */
export function readPublishEnv(env: NodeJS.ProcessEnv): PublishEnv {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`environment variable ${name} is required`);
    return value;
  };
  const limit = env.ITEM_LIMIT?.trim() || undefined;
  const itemLimit = limit === undefined ? undefined : wholeNumber(limit, 1);
  if (itemLimit === null) throw new Error(`ITEM_LIMIT must be a positive integer, got ${limit}`);
  // A blank optional setting is an unset one.
  const optional = Object.entries(OPTIONAL).flatMap(([field, name]) => (env[name]?.trim() ? [[field, env[name].trim()]] : []));
  return {
    contentBucket: required('CONTENT_BUCKET'),
    contentPrefix: env.CONTENT_PREFIX ?? '',
    siteBucket: required('SITE_BUCKET'),
    sitePrefix: env.SITE_PREFIX ?? '',
    ...(Object.fromEntries(optional) as Partial<Pick<PublishEnv, keyof typeof OPTIONAL>>),
    ...(itemLimit !== undefined && { itemLimit }),
  };
}

/**
 * Builds the context of one invocation on the S3 adapters: the content bucket's `site.json` read like the CLI reads
 * it, with the environment's settings as overrides, and `now` fixed once so every record sees the same embargo clock.
 */
export async function createContext(env: PublishEnv, client: S3Client, now: Date): Promise<PublishContext> {
  const content = { client, bucket: env.contentBucket, prefix: env.contentPrefix };
  const site = { client, bucket: env.siteBucket, prefix: env.sitePrefix };
  const file = `s3://${env.contentBucket}/${env.contentPrefix}site.json`;
  const siteJson = ((await readSiteJsonObject(content, file)) ?? {}) as Record<string, unknown>;
  const { siteUrl, itemLimit, title, description, language } = env;
  const config = parseSiteConfig(siteJson, { ...(siteUrl && { baseUrl: siteUrl, baseUrlSetting: 'SITE_URL' }), ...(itemLimit && { itemLimit }), ...(title && { title }), ...(description && { description }), ...(language && { language }) }, file);
  const fragments = new FragmentBytes();
  return { content: s3StoryStore(content), state: s3StateStore(site), config, writer: new SiteWriter(site, content, fragments), fragments, now, preflight: [], warnings: [] };
}
