import type { WindowEntry } from '../core/incremental/feed-window.js';
import { itemKey, recordKey, sourceHash } from '../core/incremental/layout.js';
import { partnerWindowKey, type PartnerEntry, type PartnerWindow } from '../core/incremental/partner-window.js';
import { SITEMAP_KEY, type SitemapEntry, type SitemapWindow } from '../core/incremental/sitemap-window.js';
import type { StoryRecord } from '../core/incremental/story-record.js';
import { keptVersionLine } from '../core/kept-version.js';
import type { StoryError } from '../core/story-error.js';
import { framedState, readJson, readState } from '../adapters/s3-state.js';
import type { PublishContext } from './publish-context.js';
import type { ScannedStory } from './rebuild-scan.js';

/**
 * A story whose file a rebuild refuses while its last good version is published: kept as that
 * version from publisher state — its record, its rendered item, and its entries in the partner
 * windows and the sitemap as they are — since a rejected version never withdraws a story.
 */
export interface KeptStory {
  facts: ScannedStory;
  hash: string;
  record: StoryRecord;
  entry: WindowEntry;
  /** Its entry in each partner window that holds one, by partner name. */
  partners: Map<string, PartnerEntry>;
  sitemap?: SitemapEntry;
  /** The line reported for it (`kept-version.ts`). */
  line: string;
}

/**
 * The refused files (`rejected`, from the scan) whose last published version the publisher state
 * still holds, by content key. `keys` is the listing, which gives each its place in report order.
 */
export async function findKeptStories(ctx: PublishContext, rejected: readonly StoryError[], keys: readonly string[]): Promise<Map<string, KeptStory>> {
  const kept = new Map<string, KeptStory>();
  if (rejected.length === 0) return kept;
  let windows: Array<{ name: string; window: PartnerWindow | undefined }> | undefined;
  let sitemap: SitemapWindow | undefined;
  for (const error of rejected) {
    if (!error.file.startsWith(ctx.content.prefix)) continue;
    const key = error.file.slice(ctx.content.prefix.length);
    const hash = sourceHash(key);
    const record = (await readJson<StoryRecord>(ctx.site, recordKey(hash)))?.value;
    if (record?.status !== 'published' || record.key !== key) continue;
    const entry = (await readJson<WindowEntry>(ctx.site, itemKey(hash)))?.value;
    if (!entry) continue;
    windows ??= await Promise.all((ctx.config.partners ?? []).map(async (partner) => ({ name: partner.name, window: (await readState<PartnerWindow>(ctx.site, partnerWindowKey(partner), framedState(ctx.fragments)))?.value })));
    sitemap ??= (await readJson<SitemapWindow>(ctx.site, SITEMAP_KEY))?.value ?? { entries: [] };
    const partners = new Map<string, PartnerEntry>();
    for (const { name, window } of windows) {
      const held = [...(window?.entries ?? [])].find((candidate) => candidate.source === hash);
      // Read back framed: its texts are tokens, expanded so the rebuild renders it like any entry.
      if (held) partners.set(name, { ...held, xml: ctx.fragments.textOf(held.xml), checked: { ...held.checked, ...(held.checked.content !== undefined && { content: ctx.fragments.textOf(held.checked.content) }) } });
    }
    const inSitemap = sitemap.entries.find((candidate) => candidate.source === hash);
    const facts: ScannedStory = {
      key,
      etag: '',
      index: keys.indexOf(key),
      id: entry.id,
      version: record.version,
      source: error.file,
      status: 'usable',
      published: new Date(entry.published),
      updated: new Date(entry.updated),
      sections: entry.sections.map(({ slug, name }) => ({ slug, name })),
    };
    kept.set(key, { facts, hash, record, entry, partners, ...(inSitemap && { sitemap: inSitemap }), line: keptVersionLine(error.file, record.version, error.problems) });
  }
  return kept;
}
