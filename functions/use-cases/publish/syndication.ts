import type { FeedItem } from '../../core/feed-item.js';
import { announcesKills, killNoticeCandidates } from '../../core/partners/kill-notice.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import { applyPartnerChange, emptyPartnerWindow, renderPartnerWindow, type PartnerChange, type PartnerEntry, type PartnerWindow } from '../../core/incremental/partner-window.js';
import { planPartnerChanges, type StoryChange } from '../../core/incremental/partner-changes.js';
import { applySitemapChange, renderSitemapWindow, type SitemapEntry, type SitemapWindow } from '../../core/incremental/sitemap-window.js';
import { carriedKey, partnerWindowKey, SITEMAP_KEY } from '../../core/incremental/state-keys.js';
import { isInNewsSitemap, NEWS_SITEMAP_PATH } from '../../core/outputs/news-sitemap.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { partnerNeedsRefill, refillPartnerWindow } from './partner-refill.js';

/**
 * Brings each partner feed and the news sitemap in line with one story. Only the partner windows
 * the story is or was a candidate of are read and written (one GET, at most two PUTs each), and
 * the sitemap only when the story is or was recent, so the cost does not grow with the archive.
 * Which windows and with what is core's plan (`planPartnerChanges`); this reads what it needs.
 */
export async function updateSyndication(ctx: PublishContext, change: StoryChange): Promise<void> {
  const { story, item, previous, hash } = change;
  const wasPublished = previous?.status === 'published';
  // Whether a feed carried the story: one HEAD per feed that announces kills, only for a take-down.
  const carriedBy = new Set<string>();
  if (story) {
    await mapConcurrently(killNoticeCandidates(ctx.config.partners ?? [], story, ctx.now), REQUESTS_AT_ONCE, async (partner) => {
      if (await ctx.state.stat(carriedKey(partner, story.id))) carriedBy.add(partner.name);
    });
  }
  const updates: Array<() => Promise<void>> = planPartnerChanges(ctx.config, change, ctx.now, carriedBy).map((planned) => () => updatePartner(ctx, planned.partner, planned.change));
  const recentNow = item !== undefined && isInNewsSitemap(item.story.published, ctx.now);
  const recentBefore = wasPublished && previous.published !== undefined && isInNewsSitemap(previous.published, ctx.now);
  if (recentNow || recentBefore) updates.push(() => updateSitemap(ctx, hash, recentNow ? sitemapEntry(item!, hash) : undefined));
  // Each partner window and the sitemap is its own state object with its own file: they go together.
  await mapConcurrently(updates, REQUESTS_AT_ONCE, (update) => update());
}

/** Drops sitemap entries that aged out (the scheduled `release` run), so the file is right without a story change. */
export async function pruneSitemap(ctx: PublishContext): Promise<void> {
  await updateSitemap(ctx, '', undefined);
}

async function updatePartner(ctx: PublishContext, partner: PartnerConfig, change: PartnerChange): Promise<void> {
  await ctx.state.update(partnerWindowKey(partner), ctx.state.framed<PartnerWindow>(ctx.fragments), async (current) => {
    const before = current ?? emptyPartnerWindow();
    let next = applyPartnerChange(before, partner, change);
    if (partnerNeedsRefill(next, partner)) next = await refillPartnerWindow(ctx, partner, next);
    if (current && sameWindow(ctx, next, before)) return undefined;
    return writePartnerFeed(ctx, partner, next);
  });
}

/**
 * True when a change left the window as it was (a story saved again unchanged): then there is no
 * feed to render. Entries the change did not touch are the very objects read; one it replaced is
 * compared framed, as stored, since the window read holds tokens where the new entry holds text.
 */
function sameWindow(ctx: PublishContext, next: PartnerWindow, before: PartnerWindow): boolean {
  const sameEntries = (a: PartnerEntry[], b: PartnerEntry[]) =>
    a.length === b.length && a.every((entry, index) => entry === b[index] || encodeFramed(entry, ctx.fragments).equals(encodeFramed(b[index], ctx.fragments)));
  return next.truncated === before.truncated && sameEntries(next.entries, before.entries) && sameEntries(next.kills, before.kills);
}

/** Renders and writes a partner feed from its window (when its bytes changed); returns the window with the file's MD5. */
export async function writePartnerFeed(ctx: PublishContext, partner: PartnerConfig, window: PartnerWindow): Promise<PartnerWindow> {
  const feed = renderPartnerWindow(ctx.config, partner, window, ctx.now, ctx.fragments);
  ctx.preflight.push(...feed.reports);
  if (!announcesKills(partner)) return { ...window, md5: await ctx.writer.publish(feed.path, feed.body, window.md5) };
  // Markers before the file: an item a partner could fetch is always known as carried.
  const shown = new Set(window.shown ?? []);
  await mapConcurrently(feed.carried.filter((id) => !shown.has(id)), REQUESTS_AT_ONCE, (id) => ctx.state.putMarker(carriedKey(partner, id)));
  return { ...window, md5: await ctx.writer.publish(feed.path, feed.body, window.md5), shown: feed.carried };
}

async function updateSitemap(ctx: PublishContext, source: string, entry: SitemapEntry | undefined): Promise<void> {
  await ctx.state.updateJson<SitemapWindow>(SITEMAP_KEY, async (current) => {
    const before = current ?? { entries: [] };
    const next = applySitemapChange(before, source, entry, ctx.now);
    if (current && JSON.stringify(next.entries) === JSON.stringify(before.entries)) return undefined;
    return writeSitemap(ctx, next);
  });
}

/** Writes `news-sitemap.xml` from a sitemap window (when its bytes changed); returns the window with the file's MD5. */
export async function writeSitemap(ctx: PublishContext, window: SitemapWindow): Promise<SitemapWindow> {
  return { ...window, md5: await ctx.writer.publish(NEWS_SITEMAP_PATH, renderSitemapWindow(ctx.config, window), window.md5) };
}

/** The sitemap facts of a published story. */
export function sitemapEntry(item: FeedItem, source: string): SitemapEntry {
  const { story } = item;
  return { source, id: story.id, link: item.link, title: story.title, published: story.published.toISOString(), ...(story.language !== undefined && { language: story.language }) };
}

