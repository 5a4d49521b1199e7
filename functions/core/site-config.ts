import { parsePartners } from './partners/parse-partners.js';
import { normaliseBaseUrl, SITE_DEFAULTS, type SiteConfig } from './site.js';
import { cleanLine, cleanText, hasVisibleText } from './text/clean-text.js';

/** Settings given outside `site.json` (CLI flags, Lambda environment); they win over the file. */
export interface SiteOverrides {
  baseUrl?: string;
  /** Where `baseUrl` was given, for messages; default `--base-url`. */
  baseUrlSetting?: string;
  itemLimit?: number;
  /** Settings that win over the file's (the Lambda's SITE_TITLE, SITE_DESCRIPTION, SITE_LANGUAGE); checked as the file's are. */
  title?: string;
  description?: string;
  language?: string;
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
  // Story text is cleaned as it enters the model; the site's text reaches the same feeds.
  const raw = cleanStrings(json ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SiteConfigError(`${file}: expected a JSON object`);
  for (const key of ['title', 'description', 'language'] as const) if (overrides[key] !== undefined) raw[key] = cleanStrings(overrides[key]);
  const known = new Set(['title', 'description', 'baseUrl', 'language', 'itemLimit', 'hubs', 'partners']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new SiteConfigError(`${file}: /${key}: unknown setting`);
  const string = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    const line = typeof value === 'string' ? cleanLine(value) : '';
    if (!hasVisibleText(line)) throw new SiteConfigError(`${file}: /${key}: expected a non-empty string`);
    return line;
  };
  const baseUrlOf = (text: string, setting: string): string => {
    try {
      return normaliseBaseUrl(text);
    } catch (error) {
      throw new SiteConfigError(`${setting}: ${(error as Error).message}`);
    }
  };
  // The file's baseUrl is checked even when an override wins: credentials in it are an error to fix.
  const fileBaseUrl = raw.baseUrl === undefined ? undefined : baseUrlOf(string('baseUrl')!, `${file}: /baseUrl`);
  const baseUrl = overrides.baseUrl === undefined ? fileBaseUrl : baseUrlOf(overrides.baseUrl, overrides.baseUrlSetting ?? '--base-url');
  if (!baseUrl) throw new SiteConfigError(`${file}: /baseUrl: required (or pass --base-url)`);
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

/** Deepest a valid site.json nests (`/partners/<name>/sections/0` is 4); deeper values are refused by type anyway. */
const SETTINGS_DEPTH = 8;

/** The JSON value with every string cleaned as story text is (`cleanText`), keys included. */
function cleanStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object' || depth >= SETTINGS_DEPTH) return value;
  if (Array.isArray(value)) return value.map((entry) => cleanStrings(entry, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [cleanText(key), cleanStrings(entry, depth + 1)]));
}
