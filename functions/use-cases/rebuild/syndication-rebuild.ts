import type { FeedItem } from '../../core/feed-item.js';
import {
  killEntry,
  partnerEntry,
  partnerWindowFromAll,
  renderPartnerWindow,
  type PartnerEntry,
} from '../../core/incremental/partner-window.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import { newsSitemapEntry, newsSitemapPlanner, type NewsSitemapPlanner, type SitemapEntry } from '../../core/outputs/news-sitemap-planner.js';
import { carriedKey, partnerWindowKey, SITEMAP_KEY } from '../../core/incremental/state-keys.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import type { Story } from '../../core/story.js';
import { partnerWants } from '../../core/partners/partner-wants.js';
import { announcesKills, getsKillNotice } from '../../core/partners/kill-notice.js';
import type { PublishContext } from '../publish/publish-context.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { PutFile } from './feed-rebuild.js';

/**
 * Rebuild: every partner window and the news sitemap, fed one story at a time. Each keeps only what
 * its window can still use — a partner's newest candidates, the recent sitemap entries — so the
 * rebuild does not hold every story's item until the end. The result is what `partnerWindowFromAll`
 * gives on all stories at once: its order is total (ids are unique once stories are deduplicated),
 * so the newest k of the newest k's are the newest k. The sitemap is its planner run from empty state.
 */
export class SyndicationRebuild {
  private readonly partners: Array<{ partner: PartnerConfig; entries: PartnerEntry[]; kills: PartnerEntry[] }>;
  private readonly sitemap: NewsSitemapPlanner;

  /** `carried` answers whether a partner's feed carried a story (its `carriedKey` marker exists). */
  constructor(
    private readonly ctx: PublishContext,
    private readonly carried: (partner: PartnerConfig, id: string) => boolean,
  ) {
    this.partners = (ctx.config.partners ?? []).map((partner) => ({ partner, entries: [], kills: [] }));
    this.sitemap = newsSitemapPlanner(ctx.config, ctx.now);
  }

  /** A published story (its source hash and item). */
  addPublished(hash: string, item: FeedItem): void {
    const slugs = item.story.categories.map((category) => category.slug);
    for (const state of this.partners) {
      if (!partnerWants(state.partner, slugs)) continue;
      state.entries.push(partnerEntry(item, state.partner, this.ctx.config, hash));
      // One more than the window keeps, so `partnerWindowFromAll` still sees that it is truncated.
      const keep = state.partner.itemLimit * 2 + 1;
      if (state.entries.length >= 2 * keep) state.entries = state.entries.sort(compareNewestFirst).slice(0, keep);
    }
    this.sitemap.change({ source: hash, entry: newsSitemapEntry(item, hash) });
  }

  /**
   * A story kept at its last good version (its file is refused): its entries as the partner windows
   * and the sitemap hold them, since there is no item to render them from.
   */
  addKept(partners: ReadonlyMap<string, PartnerEntry>, sitemap: SitemapEntry | undefined): void {
    for (const state of this.partners) {
      const entry = partners.get(state.partner.name);
      if (entry) state.entries.push(entry);
    }
    if (sitemap) this.sitemap.change({ source: sitemap.source, entry: sitemap });
  }

  /** A take-down: a kill notice in each feed `getsKillNotice` names; take-downs are few, so all are kept. */
  addKilled(hash: string, story: Story): void {
    for (const state of this.partners) {
      if (!getsKillNotice(state.partner, story, this.ctx.now, this.carried(state.partner, story.id))) continue;
      state.kills.push(killEntry(story, state.partner, this.ctx.config, hash));
    }
  }

  /** Writes each partner feed and the sitemap with their windows; `put` records what it produced. */
  async finish(put: PutFile): Promise<void> {
    const { ctx } = this;
    for (const { partner, entries, kills } of this.partners) {
      const window = partnerWindowFromAll(partner, entries, kills);
      const feed = renderPartnerWindow(ctx.config, partner, window, ctx.now);
      ctx.preflight.push(...feed.reports);
      // Markers before the file, as a publish writes them.
      if (announcesKills(partner)) for (const id of feed.carried) await put(carriedKey(partner, id), '', true);
      const md5 = await put(feed.path, feed.body, false);
      await put(partnerWindowKey(partner), encodeFramed({ ...window, md5, ...(announcesKills(partner) && { shown: feed.carried }) }, ctx.fragments), true);
    }
    // From empty state the planner always writes the file; `put` leaves it alone when unchanged.
    const sitemap = this.sitemap.plan();
    const [file] = sitemap.writes;
    const md5 = await put(file!.path, file!.body, false);
    await put(SITEMAP_KEY, JSON.stringify({ ...sitemap.next, md5 }), true);
  }
}
