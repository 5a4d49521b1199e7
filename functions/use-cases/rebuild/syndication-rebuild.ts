import type { FeedItem } from '../../core/feed-item.js';
import { emptyPartnerShortlist, PartnerPlanner, type PartnerShortlist } from '../../core/outputs/partner/partner-shortlist.js';
import { type PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import { formatPartnerReport } from '../../core/outputs/partner-outputs.js';
import { planPartnerChanges, type StoryChange } from '../../core/outputs/partner/partner-changes.js';
import { newsSitemapEntry, newsSitemapPlanner, type NewsSitemapPlanner, type SitemapEntry } from '../../core/outputs/news-sitemap-planner.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import type { Story } from '../../core/story.js';
import { announcesKills, killNoticeCandidates } from '../../core/partners/kill-notice.js';
import type { PublishContext } from '../publish/publish-context.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { PutFile } from './feed-rebuild.js';

/** A part of the archive's partner shortlists and sitemap entries (see {@link SyndicationRebuild.stored}). */
export interface StoredSyndication {
  partners: Array<[string, PartnerShortlist]>;
  sitemap: SitemapEntry[];
}

/**
 * Rebuild: every partner shortlist and the news sitemap, from empty state, fed one story at a time
 * through the very rules a publish runs (`planPartnerChanges`, the partner's `PartnerPlanner`; the
 * sitemap's planner). Each planner keeps only what it can still use — a partner's newest candidates, the recent
 * sitemap entries — so the rebuild does not hold every story's item until the end, and since both
 * orders are total (ids are unique once stories are deduplicated), the result does not depend on
 * the order the stories come in.
 */
export class SyndicationRebuild {
  private readonly partners: ReadonlyArray<{ readonly partner: PartnerConfig; readonly planner: PartnerPlanner }>;
  private readonly sitemap: NewsSitemapPlanner;

  /** `carried` answers whether a partner's feed carried a story (its carried marker exists). */
  constructor(
    private readonly ctx: PublishContext,
    private readonly carried: (partner: PartnerConfig, id: string) => boolean,
  ) {
    this.partners = (ctx.config.partners ?? []).map((partner) => ({ partner, planner: new PartnerPlanner(ctx.config, partner, emptyPartnerShortlist(), ctx.now) }));
    this.sitemap = newsSitemapPlanner(ctx.config, ctx.now);
  }

  /** A published story (its source hash and item). */
  addPublished(hash: string, item: FeedItem): void {
    this.applyStory({ hash, story: item.story, item, previous: undefined });
    this.sitemap.change({ source: hash, entry: newsSitemapEntry(item, hash) });
  }

  /**
   * A story kept at its last good version (its file is refused): its entries as the partner shortlists
   * and the sitemap hold them, since there is no item to render them from.
   */
  addKept(partners: ReadonlyMap<string, PartnerEntry>, sitemap: SitemapEntry | undefined): void {
    for (const state of this.partners) {
      const entry = partners.get(state.partner.name);
      if (entry) state.planner.change({ source: entry.source, entry });
    }
    if (sitemap) this.sitemap.change({ source: sitemap.source, entry: sitemap });
  }

  /** A take-down: a kill notice in each feed that carried it, as a publish of it gives. */
  addKilled(hash: string, story: Story): void {
    const carriedBy = new Set(killNoticeCandidates(this.ctx.config.partners ?? [], story, this.ctx.now).filter((partner) => this.carried(partner, story.id)).map((partner) => partner.name));
    this.applyStory({ hash, story, item: undefined, previous: undefined }, carriedBy);
  }

  private applyStory(change: StoryChange, carriedBy: ReadonlySet<string> = new Set()): void {
    const planned = new Map(planPartnerChanges(this.ctx.config, change, this.ctx.now, carriedBy).map(({ partner, change }) => [partner.name, change]));
    for (const state of this.partners) {
      const partnerChange = planned.get(state.partner.name);
      if (partnerChange) state.planner.change(partnerChange);
    }
  }

  /**
   * What this part of the archive contributes, to be merged by another rebuild's `merge` (a render
   * child of the rebuild state machine): each partner's shortlist and the sitemap's entries, bounded
   * whatever the number of stories.
   */
  stored(): StoredSyndication {
    return { partners: this.partners.map(({ partner, planner }) => [partner.name, planner.shortlist]), sitemap: this.sitemap.plan().next.entries };
  }

  /**
   * Takes what another part of the archive contributed (`stored`). Each shortlist keeps the newest
   * candidates of its part, so the newest of all parts are among them: applying them all gives the
   * shortlist of the whole archive. A part that dropped candidates leaves the whole truncated.
   */
  merge(part: StoredSyndication): void {
    const shortlists = new Map(part.partners);
    for (const { partner, planner } of this.partners) {
      const shortlist = shortlists.get(partner.name);
      if (shortlist) planner.merge(shortlist);
    }
    for (const entry of part.sitemap) this.sitemap.change({ source: entry.source, entry });
  }

  /** Writes each partner feed and the sitemap with their states; `put` records what it produced. */
  async finish(put: PutFile): Promise<void> {
    const { ctx } = this;
    for (const { partner, planner } of this.partners) {
      const feed = planner.render();
      const { shortlist } = planner;
      ctx.preflight.push(...feed.reports.map(formatPartnerReport));
      // Markers before the file, as a publish writes them.
      if (announcesKills(partner)) for (const id of feed.carried) await put(ctx.state.keys.carried(partner, claimHash(id)), '', true);
      const md5 = await put(feed.path, feed.body, false);
      await put(ctx.state.keys.partnerShortlist(partner), encodeFramed({ ...shortlist, md5, ...(announcesKills(partner) && { shown: feed.carried }) }, ctx.fragments), true);
    }
    // From empty state the planner always writes the file; `put` leaves it alone when unchanged.
    const sitemap = this.sitemap.plan();
    const [file] = sitemap.writes;
    const md5 = await put(file!.path, file!.body, false);
    await put(ctx.state.keys.sitemap, JSON.stringify({ ...sitemap.next, md5 }), true);
  }
}
