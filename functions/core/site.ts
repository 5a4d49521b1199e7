import type { PartnerConfig } from './partners/partner-profile.js';

/** Site-wide settings, from `content/site.json` and the command line or the Lambda's environment. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute base URL the site is served from, without a trailing slash. */
  baseUrl: string;
  language?: string;
  /** Items in the subscription feeds (newest first). */
  itemLimit: number;
  /** WebSub hubs announced in every feed. */
  hubs: string[];
  /** Partner feeds (`partners` in site.json), sorted by name; absent or empty when none. */
  partners?: PartnerConfig[];
}

/** Defaults for settings a site does not give. */
export const SITE_DEFAULTS = {
  title: 'wirefeed',
  description: 'News from wirefeed',
  itemLimit: 50,
} as const;

/** Normalises a base URL: absolute http(s), no trailing slash, no query or fragment. */
export function normaliseBaseUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`base URL must be http(s): ${value}`);
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}
