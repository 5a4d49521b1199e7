import { parseSiteConfig, type SiteOverrides } from '../../core/site-config.js';
import type { SiteConfig } from '../../core/site.js';
import type { ContentSource } from '../../core/ports/content-source.js';

/** The site a command works for: the content's site.json with the overrides, checked. */
export function loadSite(content: Pick<ContentSource, 'check' | 'siteJson'>, overrides: SiteOverrides): SiteConfig {
  content.check();
  const siteJson = content.siteJson();
  return parseSiteConfig(siteJson?.json, overrides, siteJson?.file);
}
