import { parsePartners } from './partners/parse-partners.js';
import { normaliseBaseUrl, SITE_DEFAULTS, type SiteConfig } from './site.js';

/** Settings given outside `site.json` (CLI flags, Lambda environment); they win over the file. */
export interface SiteOverrides {
  baseUrl?: string;
  itemLimit?: number;
}

/** A site.json that cannot be used, with the field at fault. */
export class SiteConfigError extends Error {
  override readonly name = 'SiteConfigError';
}

/**
 * Reads `site.json` (already JSON-parsed, or undefined when absent) and the overrides into a
 * SiteConfig. Unknown keys are an error: a typo in `itemLimit` should not silently mean 50.
 */
export function parseSiteConfig(json: unknown, overrides: SiteOverrides = {}, file = 'site.json'): SiteConfig {
  const raw = (json ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SiteConfigError(`${file}: expected a JSON object`);
  const known = new Set(['title', 'description', 'baseUrl', 'language', 'itemLimit', 'hubs', 'partners']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new SiteConfigError(`${file}: /${key}: unknown setting`);
  const string = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value.trim()) throw new SiteConfigError(`${file}: /${key}: expected a non-empty string`);
    return value.trim();
  };
  const baseUrlText = overrides.baseUrl ?? string('baseUrl');
  if (!baseUrlText) throw new SiteConfigError(`${file}: /baseUrl: required (or pass --base-url)`);
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(baseUrlText);
  } catch (error) {
    throw new SiteConfigError(`${overrides.baseUrl ? '--base-url' : `${file}: /baseUrl`}: ${(error as Error).message}`);
  }
  const itemLimit = overrides.itemLimit ?? raw.itemLimit ?? SITE_DEFAULTS.itemLimit;
  if (typeof itemLimit !== 'number' || !Number.isInteger(itemLimit) || itemLimit < 1) {
    throw new SiteConfigError(`${file}: /itemLimit: expected a positive integer`);
  }
  const hubs = raw.hubs ?? [];
  if (!Array.isArray(hubs) || hubs.some((hub) => typeof hub !== 'string' || !/^https?:\/\//.test(hub))) {
    throw new SiteConfigError(`${file}: /hubs: expected an array of http(s) URLs`);
  }
  const language = string('language');
  let partners;
  try {
    partners = parsePartners(raw.partners, file);
  } catch (error) {
    throw new SiteConfigError((error as Error).message, { cause: error });
  }
  return {
    title: string('title') ?? SITE_DEFAULTS.title,
    description: string('description') ?? SITE_DEFAULTS.description,
    baseUrl,
    ...(language !== undefined && { language }),
    itemLimit,
    hubs: hubs as string[],
    ...(partners.length > 0 && { partners }),
  };
}
