import { buildSite } from '../../core/build-site.js';
import type { SiteOverrides } from '../../core/site-config.js';
import type { StoryError } from '../../core/story-error.js';
import type { ContentSource } from '../../core/ports/content-source.js';
import type { Reporter } from '../reporter.js';
import { loadSite } from './load-site.js';
import { loadStories } from './load-stories.js';

/** The latest time a Date can hold (ECMAScript §21.4.1.1). */
const LAST_DATE = new Date(8.64e15);

/** Checks every story as a build would, writing nothing. */
export function runValidate(content: ContentSource, overrides: SiteOverrides, reporter: Reporter): { checked: number; rejected: StoryError[] } {
  const site = loadSite(content, overrides);
  const files = content.listStories();
  const loaded = loadStories(files, content, site.baseUrl);
  // Media and duplicates are checked by the same code a build runs; its output is discarded. The
  // latest representable time releases every embargo, so embargoed stories are checked too.
  const build = buildSite({ site, stories: loaded.stories, catalog: content.mediaCatalog(), now: LAST_DATE });
  const rejected = [...loaded.rejected, ...build.rejected];
  for (const error of rejected) for (const line of error.lines()) reporter.error(line);
  return { checked: files.length, rejected };
}
