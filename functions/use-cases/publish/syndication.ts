import { announcesKills, killNoticeCandidates } from '../../core/partners/kill-notice.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import { emptyPartnerWindow, PartnerPlanner, type PartnerChange, type PartnerEntry, type PartnerWindow } from '../../core/outputs/partner/partner-window.js';
import { formatPartnerReport } from '../../core/outputs/partner-outputs.js';
import { planPartnerChanges, type StoryChange } from '../../core/outputs/partner/partner-changes.js';
import { newsSitemapEntry, planNewsSitemap, touchesNewsSitemap, type NewsSitemapChange, type NewsSitemapState } from '../../core/outputs/news-sitemap-planner.js';
import { carriedKey, partnerWindowKey, SITEMAP_KEY } from '../../core/incremental/state-keys.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { refillPartnerWindow } from './partner-refill.js';

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
  const sitemapChange: NewsSitemapChange = { source: hash, ...(item && { entry: newsSitemapEntry(item, hash) }) };
  if (touchesNewsSitemap(sitemapChange, wasPublished ? previous.published : undefined, ctx.now)) updates.push(() => updateSitemap(ctx, [sitemapChange]));
  // Each partner window and the sitemap is its own state object with its own file: they go together.
  await mapConcurrently(updates, REQUESTS_AT_ONCE, (update) => update());
}

/** Drops sitemap entries that aged out (the scheduled `release` run), so the file is right without a story change. */
export async function pruneSitemap(ctx: PublishContext): Promise<void> {
  await updateSitemap(ctx, []);
}

async function updatePartner(ctx: PublishContext, partner: PartnerConfig, change: PartnerChange): Promise<void> {
  await ctx.state.update(partnerWindowKey(partner), ctx.state.framed<PartnerWindow>(ctx.fragments), async (current) => {
    const before = current ?? emptyPartnerWindow();
    const planner = new PartnerPlanner(ctx.config, partner, before, ctx.now, ctx.fragments);
    planner.change(change);
    await refillPartnerWindow(ctx, partner, planner);
    if (current && sameWindow(ctx, planner.window, before)) return undefined;
    return writePartnerFeed(ctx, partner, planner);
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

/** Renders and writes a partner feed from its planner (when its bytes changed); returns the window with the file's MD5. */
async function writePartnerFeed(ctx: PublishContext, partner: PartnerConfig, planner: PartnerPlanner): Promise<PartnerWindow> {
  const feed = planner.render();
  const { window } = planner;
  ctx.preflight.push(...feed.reports.map(formatPartnerReport));
  if (!announcesKills(partner)) return { ...window, md5: await ctx.writer.publish(feed.path, feed.body, window.md5) };
  // Markers before the file: an item a partner could fetch is always known as carried.
  const shown = new Set(window.shown ?? []);
  await mapConcurrently(feed.carried.filter((id) => !shown.has(id)), REQUESTS_AT_ONCE, (id) => ctx.state.putMarker(carriedKey(partner, id)));
  return { ...window, md5: await ctx.writer.publish(feed.path, feed.body, window.md5), shown: feed.carried };
}

/** The sitemap as stored: the planner's state and the MD5 of the file last written. */
type StoredSitemap = NewsSitemapState & { md5?: string };

/** Runs the sitemap planner on the stored state; writes the file and the state only when its entries changed. */
async function updateSitemap(ctx: PublishContext, changes: NewsSitemapChange[]): Promise<void> {
  await ctx.state.updateJson<StoredSitemap>(SITEMAP_KEY, async (current) => {
    const plan = planNewsSitemap(ctx.config, ctx.now, current, changes);
    // The sitemap is one file: written, or nothing changed.
    const [file] = plan.writes;
    if (!file) return undefined;
    return { ...plan.next, md5: await ctx.writer.publish(file.path, file.body, current?.md5) };
  });
}
