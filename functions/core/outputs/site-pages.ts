import { assembleFeed, type Feed } from '../feed.js';
import { feedSetMeta } from '../feed-set-meta.js';
import type { SiteConfig } from '../site.js';
import type { SiteFile } from '../site-file.js';
import { renderIndexPage } from '../pages/index-page.js';
import { SITE_CSS } from '../pages/page-layout.js';
import { OPML_PATH, renderOpml } from '../pages/opml.js';
import { renderFeedXsl } from '../pages/feed-xsl.js';
import { FEED_XSL_PATH } from '../formats/xml-stylesheet.js';

/**
 * The files around the feed sets, for the CLI build (at its finish), the publish and the rebuild
 * alike. Which files a change reaches:
 * - a feed set rendered anew reaches its own page (`feedSetPages`): a section's `index.html`, fed
 *   with the section's subscription feed; the main feed set's page is the site's front page;
 * - the main feed set rendered anew, or a section appearing, emptying or renamed, reaches the front
 *   files (`frontPages`): `index.html` and the OPML list, fed with the main subscription feed and
 *   the sections' names, and the feed XSL view and stylesheet beside them.
 * Each feed set's `feed.html` is one of its feed files (`feed-set-files.ts`).
 */

/** Slug → display name of every section that has items. */
export type SectionNames = Readonly<Record<string, string>>;

const SECTIONS_FOLDER = 'sections/';

/** The folder of a section's feed set. */
export function sectionFolder(slug: string): string {
  return SECTIONS_FOLDER + slug;
}

/** The section slug of a feed folder, or undefined for the main feed. */
export function sectionSlug(folder: string): string | undefined {
  return folder.startsWith(SECTIONS_FOLDER) ? folder.slice(SECTIONS_FOLDER.length) : undefined;
}

/** The page a feed set's subscription feed `feed` reaches beside its feed files: a section's own index page, none for the main feed set. */
export function feedSetPages(folder: string, feed: Feed): SiteFile[] {
  return sectionSlug(folder) === undefined ? [] : [{ path: `${folder}/index.html`, body: renderIndexPage(feed, [], '../../') }];
}

/**
 * The index page, OPML list, feed XSL view and stylesheet: the main subscription feed and every
 * section in slug order, each linked by its name and its feed set's addresses (only those: a link
 * shows no item, so a publish needs no section window to render them).
 */
export function frontPages(site: SiteConfig, main: Feed, sections: SectionNames): SiteFile[] {
  const links = Object.keys(sections)
    .sort()
    .map((slug) => {
      const name = sections[slug]!;
      return { title: name, feed: assembleFeed(site, sectionFolder(slug), feedSetMeta(site, name), []) };
    });
  return [
    { path: 'index.html', body: renderIndexPage(main, links) },
    { path: OPML_PATH, body: renderOpml(main, links) },
    { path: FEED_XSL_PATH, body: renderFeedXsl(site) },
    { path: 'style.css', body: SITE_CSS },
  ];
}
