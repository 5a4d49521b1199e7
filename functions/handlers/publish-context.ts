import type { S3Client } from '@aws-sdk/client-s3';
import { parseSiteConfig } from '../core/site-config.js';
import type { SiteConfig } from '../core/site.js';
import type { S3Location } from '../adapters/s3-store.js';
import { readSiteJsonObject } from '../adapters/s3-content.js';
import { SiteWriter } from '../adapters/s3-site.js';
import { FragmentBytes } from '../core/incremental/fragment-bytes.js';

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

/** Everything one invocation works with. */
export interface PublishContext {
  content: S3Location;
  site: S3Location;
  config: SiteConfig;
  writer: SiteWriter;
  /** Bodies of the framed state read so far, which the fragments of its entries name by token. */
  fragments: FragmentBytes;
  now: Date;
  /** Partner preflight findings of this invocation, one line each (`formatPartnerReport`), for the log. */
  preflight: string[];
  /** What went wrong without failing the record, for the log at WARN (the context has no logger of its own). */
  warnings: PublishWarning[];
}

/** Something an operator should act on that did not fail the record, e.g. a story left without one of its photos. */
export interface PublishWarning {
  message: string;
  details: Record<string, unknown>;
}

/**
 * The context of one story's publish within an invocation: the state bodies it reads, which its
 * fragments name by token, are let go with it. An embargo release publishes hundreds of stories in
 * one invocation, each reading windows of megabytes.
 */
export function storyScope(ctx: PublishContext): PublishContext {
  const fragments = new FragmentBytes();
  return { ...ctx, fragments, writer: ctx.writer.withFragments(fragments) };
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
 * Builds the context of one invocation: the content bucket's `site.json` read like the CLI reads
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
  return { content, site, config, writer: new SiteWriter(site, fragments), fragments, now, preflight: [], warnings: [] };
}
