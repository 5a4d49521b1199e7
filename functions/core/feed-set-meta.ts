import type { SiteConfig } from './site.js';

/**
 * Title and description of the main feed set (`section` undefined) or of the section called
 * `section`: the one format every output titles a section by (its feeds and archive pages, the
 * index page, the OPML list), in the CLI build, the Lambda's publish and its rebuild.
 */
export function feedSetMeta(site: Pick<SiteConfig, 'title' | 'description'>, section: string | undefined): { title: string; description: string } {
  return section === undefined ? { title: site.title, description: site.description } : { title: `${site.title}: ${section}`, description: `${section} — ${site.description}` };
}
