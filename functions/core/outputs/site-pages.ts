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
 * When the front files (`frontPages`) are rendered, on every path: with the main feed set's files,
 * as they show its feed and list the sections. The CLI build renders the main feed set once, at
 * its finish; a publish runs the main feed set's step when its feed changed or a section's name did
 * (`mainStepDue`, core/incremental/render-window.ts); a rebuild runs it after every section.
 */
function rendersFrontFiles(folder: string): boolean {
  return folder === '';
}

/**
 * The page files a feed set's subscription feed `feed` reaches when it is rendered: its own page
 * (`feedSetPages`) and, when it renders them (`rendersFrontFiles`), the front files. It asks for
 * the sections' names only then, so a caller reads them only for that step.
 */
export function* pagesReached(site: SiteConfig, folder: string, feed: Feed): Generator<'sections', SiteFile[], SectionNames> {
  const pages = feedSetPages(folder, feed);
  if (rendersFrontFiles(folder)) pages.push(...frontPages(site, feed, yield 'sections'));
  return pages;
}

/** The files of a step (`pagesReached`, `windowStepFiles`…) whose asks for the sections' names are answered with `sections`, known beforehand. */
export function withSections(step: Generator<'sections', SiteFile[], SectionNames>, sections: SectionNames): SiteFile[] {
  let next = step.next();
  while (!next.done) next = step.next(sections);
  return next.value;
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
