import type { Story } from '../../core/story.js';
import { StoryError } from '../../core/story-error.js';
import type { SiteConfig } from '../../core/site.js';
import { parseStory, type StoryParser } from '../../core/ninjs/parse-story.js';
import { planMedia, type MediaCatalog } from '../../core/media/plan-media.js';
import { buildFeedItem, type FeedItem } from '../../core/feed-item.js';
import { storyPath } from '../../core/story-path.js';
import { FRAGMENT_KEYS, renderItem, withoutFragments } from '../../core/rendered-item.js';
import type { FormatId } from '../../core/formats/registry.js';
import type { FragmentLocation } from '../../core/fragment-token.js';
import { renderStoryPage } from '../../core/pages/story-page.js';
import type { ContentSource, MediaFingerprint, StoryFile } from '../../core/ports/content-source.js';
import type { PackWriter } from '../../core/ports/build-cache.js';
import type { ProcessedFile, RenderedParts, ParsedRecord } from '../../core/build-record.js';

/**
 * Reads, parses and renders one story file, appending its fragments and page to `packs.fragments`
 * and its parts to `packs.details`. Rendering
 * happens whether or not the story is released now: the record is reused by later builds whose `now`
 * may release it. A file that cannot be read or parsed becomes a RejectedRecord, never an exception.
 */
export function processStoryFile(file: StoryFile, content: Pick<ContentSource, 'readStory'>, site: SiteConfig, catalog: MediaCatalog, fingerprint: MediaFingerprint, packs: { fragments: PackWriter; details: PackWriter }, parse: StoryParser = parseStory): ProcessedFile {
  const pack = packs.fragments;
  const media: ProcessedFile['media'] = [];
  let story: Story;
  try {
    story = parse(content.readStory(file), { source: file.display, baseUrl: site.baseUrl });
  } catch (error) {
    const problems = error instanceof StoryError ? error.problems : [{ pointer: '', message: `cannot read: ${(error as Error).message}` }];
    return { record: { source: file.display, problems }, media };
  }
  const record: ParsedRecord = {
    source: story.source,
    id: story.id,
    version: story.version,
    status: story.status,
    published: story.published.getTime(),
    updated: story.updated.getTime(),
    ...(story.embargoedUntil && { embargoedUntil: story.embargoedUntil.getTime() }),
    ...(story.language !== undefined && { language: story.language }),
    sections: story.categories.map(({ slug, name }) => ({ slug, name })),
  };
  if (story.status !== 'usable') {
    record.killItem = pack.append(JSON.stringify(buildFeedItem(story, { photos: [], copies: [] }, site.baseUrl)));
    record.pack = record.killItem[0];
  }
  const watched: MediaCatalog = (path) => {
    const found = catalog(path);
    media.push([path, ...fingerprint(path)]);
    return found;
  };
  const plan = planMedia(story, watched, site.baseUrl);
  if (plan.problems.length > 0) return { record: { ...record, mediaProblems: plan.problems }, media };
  const item = buildFeedItem(story, plan, site.baseUrl);
  const rendered = renderItem(item);
  const fragments = {} as Record<FormatId, FragmentLocation>;
  for (const key of FRAGMENT_KEYS) fragments[key] = pack.append(rendered[key]);
  const parts: RenderedParts = {
    item: withoutFragments(rendered),
    ...fragments,
    pagePath: storyPath(story),
    page: pack.append(renderStoryPage(item, site)),
    ...(site.partners?.length && { feedItem: pack.append(JSON.stringify(item)) }),
    copies: plan.copies,
  };
  record.pack = parts.page[0];
  record.detail = packs.details.append(JSON.stringify(parts));
  return { record, media };
}

/**
 * A story's FeedItem rendered again from its file, for a record whose pack does not keep it. Refuses
 * when the file no longer holds the version the record was made from (it changed during the build).
 */
export function rebuildItem(record: ParsedRecord, file: StoryFile, content: ContentSource, site: SiteConfig, catalog: MediaCatalog): FeedItem {
  const story = parseStory(content.readStory(file), { source: file.display, baseUrl: site.baseUrl });
  if (story.id !== record.id || story.version !== record.version) throw new Error(`${file.display} changed during the build; run it again`);
  return buildFeedItem(story, planMedia(story, catalog, site.baseUrl), site.baseUrl);
}
