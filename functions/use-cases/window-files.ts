import { windowStepFiles } from '../core/incremental/render-window.js';
import type { FeedWindow } from '../core/incremental/feed-window.js';
import type { SectionNames } from '../core/outputs/site-pages.js';
import type { SiteConfig } from '../core/site.js';
import type { SiteFile } from '../core/site-file.js';

/** The files a window's step writes (`windowStepFiles`), reading the sections' names with `sections` if it asks. */
export async function windowFiles(site: SiteConfig, window: FeedWindow, sections: () => Promise<SectionNames>): Promise<SiteFile[]> {
  const plan = windowStepFiles(site, window);
  let step = plan.next();
  while (!step.done) step = plan.next(await sections());
  return step.value;
}
