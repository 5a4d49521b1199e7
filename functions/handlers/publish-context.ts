import type { S3Client } from '@aws-sdk/client-s3';
import { parseSiteConfig } from '../core/site-config.js';
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

/** Reads the environment; missing required settings throw before any record is touched. */
export function readPublishEnv(env: NodeJS.ProcessEnv): PublishEnv {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`environment variable ${name} is required`);
    return value;
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const limit = optional('ITEM_LIMIT');
  const itemLimit = limit === undefined ? undefined : Number(limit);
  if (itemLimit !== undefined && (!Number.isInteger(itemLimit) || itemLimit < 1)) throw new Error(`ITEM_LIMIT must be a positive integer, got ${limit}`);
  const distributionId = optional('DISTRIBUTION_ID');
  const siteUrl = optional('SITE_URL');
  const title = optional('SITE_TITLE');
  const description = optional('SITE_DESCRIPTION');
  const language = optional('SITE_LANGUAGE');
  return {
    contentBucket: required('CONTENT_BUCKET'),
    contentPrefix: env.CONTENT_PREFIX ?? '',
    siteBucket: required('SITE_BUCKET'),
    sitePrefix: env.SITE_PREFIX ?? '',
    ...(siteUrl && { siteUrl }),
    ...(distributionId && { distributionId }),
    ...(title && { title }),
    ...(description && { description }),
    ...(language && { language }),
    ...(itemLimit !== undefined && { itemLimit }),
  };
}

/**
 * Builds the context of one invocation on the S3 adapters: the content bucket's `site.json` read like the CLI reads
 * it, with the environment winning, and `now` fixed once so every record sees the same embargo clock.
 */
export async function createContext(env: PublishEnv, client: S3Client, now: Date): Promise<PublishContext> {
  const content = { client, bucket: env.contentBucket, prefix: env.contentPrefix };
  const site = { client, bucket: env.siteBucket, prefix: env.sitePrefix };
  const file = `s3://${env.contentBucket}/${env.contentPrefix}site.json`;
  const siteJson = ((await readSiteJsonObject(content, file)) ?? {}) as Record<string, unknown>;
  const merged = {
    ...siteJson,
    ...(env.title && { title: env.title }),
    ...(env.description && { description: env.description }),
    ...(env.language && { language: env.language }),
  };
  const config = parseSiteConfig(merged, { ...(env.siteUrl && { baseUrl: env.siteUrl, baseUrlSetting: 'SITE_URL' }), ...(env.itemLimit && { itemLimit: env.itemLimit }) }, file);
  const fragments = new FragmentBytes();
  return { content: s3StoryStore(content), state: s3StateStore(site), config, writer: new SiteWriter(site, content, fragments), fragments, now, preflight: [], warnings: [] };
}
