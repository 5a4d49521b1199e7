import type { WindowEntry } from '../../core/incremental/feed-window.js';
import { sourceHash } from '../../core/incremental/layout.js';
import type { PartnerShortlist } from '../../core/outputs/partner/partner-shortlist.js';
import type { PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import type { NewsSitemapState, SitemapEntry } from '../../core/outputs/news-sitemap-planner.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { StateFormatError } from '../../core/incremental/framed-state.js';
import { keptVersionLine } from '../../core/kept-version.js';
import type { StoryError } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import type { ScannedStory } from './scan-stories.js';
import type { StateKeys } from '../../core/ports/state-keys.js';
import { photoSetMarkers } from '../publish/photo-users.js';

/**
 * A story whose file a rebuild refuses while its last good version is published: kept as that
 * version from publisher state — its record, its rendered item, and its entries in the partner
 * shortlists and the sitemap as they are — since a rejected version never withdraws a story.
 */
export interface KeptStory {
  facts: ScannedStory;
  hash: string;
  record: StoryRecord;
  entry: WindowEntry;
  /** Its entry in each partner shortlist that holds one, by partner name. */
  partners: Map<string, PartnerEntry>;
  sitemap?: SitemapEntry;
  /** The line reported for it (`kept-version.ts`). */
  line: string;
  /**
   * ETags of its record and item as they were read: a rebuild that lists the state after it looked
   * the story up (the distributed one, whose order step looks it up) stops if a publish changed them.
   */
  etags: { record: string; item: string };
}

/** The refused files (`rejected`, from the scan) whose last published version `find` finds, by content key. */
export async function findKeptStories(find: KeptStoryFinder, rejected: readonly StoryError[], indexOf: (file: string) => number): Promise<Map<string, KeptStory>> {
  const kept = new Map<string, KeptStory>();
  for (const error of rejected) {
    const story = await find(error, indexOf(error.file));
    if (story) kept.set(story.facts.key, story);
  }
  return kept;
}

/**
 * A partner's shortlist as a rebuild reads it: one an earlier build stored in another format holds
 * nothing it can use, and the rebuild is what rewrites it, so it reads as absent.
 */
async function readPartnerShortlist(ctx: PublishContext, partner: { name: string }): Promise<PartnerShortlist | undefined> {
  try {
    return (await ctx.state.read<PartnerShortlist>(ctx.state.keys.partnerShortlist(partner), ctx.state.framed(ctx.fragments)))?.value;
  } catch (error) {
    if (error instanceof StateFormatError) return undefined;
    throw error;
  }
}

/** Finds the last good version of a refused file (see {@link keptStoryFinder}). */
export type KeptStoryFinder = (error: StoryError, index: number) => Promise<KeptStory | undefined>;

/**
 * Looks up, for one refused file, the last published version the publisher state holds; undefined
 * when there is none. The partner shortlists and the sitemap are read once, on the first one found.
 * `index` is the file's place in the listing (report order).
 */
export function keptStoryFinder(ctx: PublishContext): KeptStoryFinder {
  let shortlists: Promise<Array<{ name: string; shortlist: PartnerShortlist | undefined }>> | undefined;
  let storedSitemap: Promise<NewsSitemapState> | undefined;
  return async (error, index) => {
    if (!error.file.startsWith(ctx.content.prefix)) return undefined;
    const key = error.file.slice(ctx.content.prefix.length);
    const hash = sourceHash(key);
    const recordRead = await ctx.state.readJson<StoryRecord>(ctx.state.keys.record(hash));
    if (recordRead?.value.status !== 'published' || recordRead.value.key !== key) return undefined;
    const record = recordRead.value;
    const itemRead = await ctx.state.readJson<WindowEntry>(ctx.state.keys.item(hash));
    if (!itemRead) return undefined;
    const entry = itemRead.value;
    shortlists ??= Promise.all((ctx.config.partners ?? []).map(async (partner) => ({ name: partner.name, shortlist: await readPartnerShortlist(ctx, partner) })));
    storedSitemap ??= ctx.state.readJson<NewsSitemapState>(ctx.state.keys.sitemap).then((read) => read?.value ?? { entries: [] });
    const sitemap = await storedSitemap;
    const partners = new Map<string, PartnerEntry>();
    for (const { name, shortlist } of await shortlists) {
      const listed = [...(shortlist?.entries ?? [])].find((candidate) => candidate.source === hash);
      // Read back framed: its texts are tokens, expanded so the rebuild renders it like any entry.
      if (listed) partners.set(name, { ...listed, xml: ctx.fragments.textOf(listed.xml), checked: { ...listed.checked, ...(listed.checked.content !== undefined && { content: ctx.fragments.textOf(listed.checked.content) }) } });
    }
    const inSitemap = sitemap.entries.find((candidate) => candidate.source === hash);
    const facts: ScannedStory = {
      key,
      etag: '',
      index,
      id: entry.id,
      version: record.version,
      source: error.file,
      status: 'usable',
      published: new Date(entry.published),
      updated: new Date(entry.updated),
      sections: entry.sections.map(({ slug, name }) => ({ slug, name })),
    };
    return { facts, hash, record, entry, partners, ...(inSitemap && { sitemap: inSitemap }), line: keptVersionLine(error.file, record.version, error.problems), etags: { record: recordRead.etag, item: itemRead.etag } };
  };
}

/**
 * The objects a kept version's publish wrote and a rebuild leaves as they are (not stale): its item,
 * photos and their photo-set markers, its order markers and page, and its record (rewritten with
 * its pages).
 */
export function keptObjectPaths(keys: StateKeys, { hash, record, entry }: { hash: string; record: StoryRecord; entry: WindowEntry }): string[] {
  return [keys.item(hash), keys.record(hash), ...record.photos, ...photoSetMarkers(keys, record.photos, hash), ...record.feeds.map((folder) => keys.order(folder, entry.published, hash)), ...(record.page ? [record.page.path] : [])];
}
