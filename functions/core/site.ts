import type { PartnerConfig } from './partners/partner-config.js';

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

/**
 * Normalises a base URL: absolute http(s), without a trailing slash. One with a user name or
 * password, a query or a fragment is refused, not trimmed: every feed, page and OPML file starts
 * its links with it, so credentials would be published, and a query or fragment would break every
 * link made from it. The message never repeats a URL that may hold a password.
 */
export function normaliseBaseUrl(value: string): string {
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') throw new Error('must not hold a user name or password: it starts every published link');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`base URL must be http(s): ${value}`);
  // The href keeps an empty `?` or `#`, which `search` and `hash` report as ''.
  if (url.href.includes('?')) throw new Error(`must not have a query (?…): ${value}`);
  if (url.href.includes('#')) throw new Error(`must not have a fragment (#…): ${value}`);
  return url.href.replace(/\/+$/, '');
}
