import { buildFeedItem, type FeedItem } from '../core/feed-item.js';
import { isKilled } from '../core/partners/killed-story.js';
import { announcesKills } from '../core/outputs/partner-feed-sink.js';
import { putObject, statObject } from '../adapters/s3-store.js';
import type { PartnerConfig } from '../core/partners/partner-profile.js';
import {
  applyPartnerChange,
  carriedKey,
  emptyPartnerWindow,
  partnerEntry,
  partnerWants,
  partnerWindowKey,
  renderPartnerWindow,
  type PartnerEntry,
  type PartnerWindow,
} from '../core/incremental/partner-window.js';
import { applySitemapChange, renderSitemapWindow, SITEMAP_KEY, type SitemapEntry, type SitemapWindow } from '../core/incremental/sitemap-window.js';
import { isInNewsSitemap, NEWS_SITEMAP_PATH } from '../core/outputs/news-sitemap.js';
import type { StoryRecord } from '../core/incremental/story-record.js';
import type { Story } from '../core/story.js';
import { encodeFramed } from '../core/incremental/framed-state.js';
import { framedState, updateJson, updateState } from '../adapters/s3-state.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from './concurrently.js';
import { partnerNeedsRefill, refillPartnerWindow } from './publish-partner-refill.js';

/** One story file's change, as the partner feeds and the news sitemap see it. */
export interface SyndicationChange {
  hash: string;
  /** The story as now stored; undefined when the file was deleted. */
  story: Story | undefined;
  /** Present when the story is published now. */
  item: FeedItem | undefined;
  previous: StoryRecord | undefined;
}

/**
 * Brings each partner feed and the news sitemap in line with one story. Only the partner windows
 * the story is or was a candidate of are read and written (one GET, at most two PUTs each), and
 * the sitemap only when the story is or was recent, so the cost does not grow with the archive.
 * A deleted file sends no MSN kill (there is no take-down version to date it; publish a
 * `canceled` version first), as in the CLI build, which never sees a deleted file. A kill goes only
 * to a feed that carried the story (`carriedKey`).
 */
export async function updateSyndication(ctx: PublishContext, change: SyndicationChange): Promise<void> {
  const { story, item, previous, hash } = change;
  const wasPublished = previous?.status === 'published';
  const slugsBefore = wasPublished ? previous.feeds.filter((feed) => feed.startsWith('sections/')).map((feed) => feed.slice('sections/'.length)) : [];
  const slugsNow = item ? item.story.categories.map((category) => category.slug) : [];
  const killed = story !== undefined && isKilled(story, ctx.now);
  const updates: Array<() => Promise<void>> = [];
  // A kill only for a story the feed carried: one HEAD per MSN feed, only when a story is taken down.
  const carriedBy = new Set<string>();
  if (killed) {
    await mapConcurrently((ctx.config.partners ?? []).filter(announcesKills), REQUESTS_AT_ONCE, async (partner) => {
      if (await statObject(ctx.site, carriedKey(partner, story.id))) carriedBy.add(partner.name);
    });
  }
  for (const partner of ctx.config.partners ?? []) {
    const wantedNow = item !== undefined && partnerWants(partner, slugsNow);
    const kill = killed && carriedBy.has(partner.name);
    // A story taken off the site may have been announced as a kill before: MSN windows are checked on every removal.
    const mayHoldKill = partner.profile === 'msn' && item === undefined;
    if (!wantedNow && !kill && !mayHoldKill && !(wasPublished && partnerWants(partner, slugsBefore))) continue;
    updates.push(() =>
      updatePartner(ctx, partner, {
        source: hash,
        ...(wantedNow && { entry: partnerEntry(item, partner, ctx.config, hash) }),
        ...(kill && { kill: partnerEntry(buildFeedItem(story, { photos: [], copies: [] }, ctx.config.baseUrl), partner, ctx.config, hash, story.updated) }),
      }),
    );
  }
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

async function updatePartner(ctx: PublishContext, partner: PartnerConfig, change: { source: string; entry?: PartnerEntry; kill?: PartnerEntry }): Promise<void> {
  await updateState(ctx.site, partnerWindowKey(partner), framedState<PartnerWindow>(ctx.fragments), async (current) => {
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
  await mapConcurrently(feed.carried.filter((id) => !shown.has(id)), REQUESTS_AT_ONCE, (id) => putObject(ctx.site, carriedKey(partner, id), '', { contentType: 'application/octet-stream', cacheControl: 'no-store' }));
  return { ...window, md5: await ctx.writer.publish(feed.path, feed.body, window.md5), shown: feed.carried };
}

async function updateSitemap(ctx: PublishContext, source: string, entry: SitemapEntry | undefined): Promise<void> {
  await updateJson<SitemapWindow>(ctx.site, SITEMAP_KEY, async (current) => {
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

