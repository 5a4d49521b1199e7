import type { Story } from './story.js';
import { StoryError } from './story-error.js';
import type { SiteFile } from './site-file.js';
import type { ItemSink } from './outputs/item-sink.js';
import { createSiteSink } from './outputs/site-sink.js';
import type { SiteConfig } from './site.js';
import type { MediaCatalog } from './media/plan-media.js';
import type { MediaCopy } from './media/published-photo.js';
import { planMedia } from './media/plan-media.js';
import { buildFeedItem } from './feed-item.js';
import { renderItem } from './rendered-item.js';
import type { HeldStories } from './held-stories.js';
import { planRelease } from './release-plan.js';
import { sectionNames } from './section-names.js';

/** Everything one build produces. */
export interface SiteBuild {
  files: SiteFile[];
  /** Media to copy from the content store; only photos of released stories. */
  copies: MediaCopy[];
  /** Stories refused at this stage (duplicates, missing media), in addition to parse failures. */
  rejected: StoryError[];
  /** Stories published: in the main feed or its archives. */
  published: number;
  /** Stories not released yet (embargo, future date) or not usable; kept out of every output. */
  held: HeldStories;
}

/** What a build reads. `now` is passed in: it decides embargoes and nothing else. */
export interface BuildInput {
  site: SiteConfig;
  stories: Story[];
  catalog: MediaCatalog;
  now: Date;
}

/**
 * Builds the whole site from parsed stories: the main feed set and one per section (subject), each
 * with RFC 5005 archives, a page per story, the index page and stylesheet, plus `extras`.
 * Pure: the caller reads and writes.
 */
export function buildSite(input: BuildInput, extras: ItemSink[] = []): SiteBuild {
  const { site, now } = input;
  const { duplicates, released, killed, held } = planRelease(input.stories, now);
  const rejected = [...duplicates];
  const files: SiteFile[] = [];
  const emit = (file: SiteFile) => files.push(file);
  const copies = new Map<string, MediaCopy>();
  const plans = new Map(released.map((story) => [story, planMedia(story, input.catalog, site.baseUrl)]));
  // Sections are named by their newest published story before the first entry (`section-names.ts`).
  const names = sectionNames(
    released.filter((story) => plans.get(story)!.problems.length === 0).map((story) => ({ ...story, sections: story.categories })),
    now,
  );
  const sink = createSiteSink(site, extras, names);
  let published = 0;
  // Take-downs go only to outputs that announce them (MSN kills), before any story; no photos, none copied.
  for (const story of killed) for (const extra of extras) extra.kill?.({ item: buildFeedItem(story, { photos: [], copies: [] }, site.baseUrl) }, emit);
  for (const story of released) {
    const plan = plans.get(story)!;
    if (plan.problems.length > 0) {
      rejected.push(new StoryError(story.source, plan.problems));
      continue;
    }
    for (const copy of plan.copies) copies.set(copy.target, copy);
    const item = buildFeedItem(story, plan, site.baseUrl);
    sink.add({ item, rendered: renderItem(item) }, emit);
    published += 1;
  }
  sink.finish(emit);
  return { files, copies: [...copies.values()], rejected, published, held };
}
