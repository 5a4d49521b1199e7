import type { PartnerConfig } from './partner-config.js';
import { findProfile, profileNames } from './profile-of.js';

/** A `partners` entry of site.json that cannot be used; `pointer` names the field. */
export class PartnerConfigError extends Error {
  override readonly name = 'PartnerConfigError';
}

const KNOWN_KEYS = new Set(['profile', 'sections', 'itemLimit', 'content', 'imageMinWidth', 'logo']);

/**
 * Reads the `partners` object of site.json (`{ "<name>": { "profile": … } }`) into partner configs,
 * sorted by name so outputs and reports come in a stable order. Every problem names its JSON pointer.
 */
export function parsePartners(json: unknown, file = 'site.json'): PartnerConfig[] {
  if (json === undefined) return [];
  const fail = (pointer: string, message: string): never => {
    throw new PartnerConfigError(`${file}: /partners${pointer}: ${message}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('', 'expected an object of partner name → profile settings');
  const partners: PartnerConfig[] = [];
  for (const name of Object.keys(json).sort()) {
    const at = `/${name}`;
    // The name is a folder in the site and part of a partner's feed URL.
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) fail(at, 'partner name must be lowercase letters, digits and dashes');
    const raw = (json as Record<string, unknown>)[name];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(at, 'expected an object');
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!KNOWN_KEYS.has(key)) fail(`${at}/${key}`, 'unknown setting');
    const profile = findProfile(entry.profile);
    if (!profile) return fail(`${at}/profile`, `expected one of ${profileNames().join(', ')}`);
    const facts = profile.defaults;
    const itemLimit = entry.itemLimit ?? facts.itemLimit;
    if (typeof itemLimit !== 'number' || !Number.isInteger(itemLimit) || itemLimit < 1) fail(`${at}/itemLimit`, 'expected a positive integer');
    const content = entry.content ?? facts.content;
    if (content !== 'full' && content !== 'summary') fail(`${at}/content`, 'expected "full" or "summary"');
    const imageMinWidth = entry.imageMinWidth ?? facts.imageMinWidth;
    if (typeof imageMinWidth !== 'number' || !Number.isInteger(imageMinWidth) || imageMinWidth < 0) fail(`${at}/imageMinWidth`, 'expected a non-negative integer (pixels)');
    const sections = entry.sections;
    if (sections !== undefined && (!Array.isArray(sections) || sections.some((slug) => typeof slug !== 'string' || !slug))) {
      fail(`${at}/sections`, 'expected an array of section slugs');
    }
    const logo = entry.logo;
    if (logo !== undefined && (typeof logo !== 'string' || !/^https:\/\/\S+$/.test(logo))) fail(`${at}/logo`, 'expected an absolute https URL');
    partners.push({
      name,
      profile: profile.name,
      ...(sections !== undefined && { sections: sections as string[] }),
      itemLimit: itemLimit as number,
      content: content as PartnerConfig['content'],
      imageMinWidth: imageMinWidth as number,
      ...(logo !== undefined && { logo: logo as string }),
    });
  }
  return partners;
}
