import { announcesKills, killNoticeCandidates } from '../../core/partners/kill-notice.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import { emptyPartnerShortlist, PartnerPlanner, type PartnerChange, type PartnerShortlist } from '../../core/outputs/partner/partner-shortlist.js';
import { type PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import { formatPartnerReport } from '../../core/outputs/partner-outputs.js';
import { planPartnerChanges, type StoryChange } from '../../core/outputs/partner/partner-changes.js';
import { newsSitemapEntry, planNewsSitemap, touchesNewsSitemap, type NewsSitemapChange, type NewsSitemapState } from '../../core/outputs/news-sitemap-planner.js';
import { claimHash, type UriClaim } from '../../core/incremental/uri-claim.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { Story } from '../../core/story.js';
import type { PublishContext, Reports, Settings, SiteAccess, StateAccess } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { refillPartnerShortlist } from './partner-refill.js';

/**
 * Brings each partner feed and the news sitemap in line with a set of stories (a batch: one change
 * per story file). Only the partner shortlists a story is or was a candidate of are read and written
 * (one GET, at most two PUTs each, whatever the number of stories), and the sitemap only when a
 * story is or was recent, so the cost does not grow with the archive. Which shortlists and with what
 * is core's plan (`planPartnerChanges`); this reads what it needs.
 */
export async function updateSyndication(ctx: PublishContext, changes: readonly StoryChange[]): Promise<void> {
  const byPartner = new Map<string, { partner: PartnerConfig; changes: PartnerChange[] }>();
  const sitemapChanges: NewsSitemapChange[] = [];
  const carried = await mapConcurrently(changes, REQUESTS_AT_ONCE, (change) => carriedBy(ctx, change.story));
  changes.forEach((change, index) => {
    const { item, previous, hash } = change;
    for (const planned of planPartnerChanges(ctx.config, change, ctx.now, carried[index]!)) {
      const group = byPartner.get(planned.partner.name) ?? { partner: planned.partner, changes: [] };
      group.changes.push(planned.change);
      byPartner.set(planned.partner.name, group);
    }
    const sitemapChange: NewsSitemapChange = { source: hash, ...(item && { entry: newsSitemapEntry(item, hash) }) };
    if (touchesNewsSitemap(sitemapChange, previous?.status === 'published' ? previous.published : undefined, ctx.now)) sitemapChanges.push(sitemapChange);
  });
  const updates: Array<() => Promise<void>> = [...byPartner.values()].map(({ partner, changes: partnerChanges }) => () => updatePartner(ctx, partner, partnerChanges));
  if (sitemapChanges.length > 0) updates.push(() => updateSitemap(ctx, sitemapChanges));
  // Each partner shortlist and the sitemap is its own state object with its own file: they go together.
  await mapConcurrently(updates, REQUESTS_AT_ONCE, (update) => update());
}

/** The partner feeds that carried the story: one HEAD per feed that announces kills, only for a take-down. */
async function carriedBy(ctx: StateAccess & Settings, story: Story | undefined): Promise<Set<string>> {
  const carried = new Set<string>();
  if (!story) return carried;
  await mapConcurrently(killNoticeCandidates(ctx.config.partners ?? [], story, ctx.now), REQUESTS_AT_ONCE, async (partner) => {
    if (await ctx.state.stat(ctx.state.keys.carried(partner, claimHash(story.id)))) carried.add(partner.name);
  });
  return carried;
}

/**
 * Forgets what the feeds that announce kills carried of a uri no file names any more (`vacated`):
 * by the carried history's rule an id stays only while its story is in the content, and a deleted
 * file gets no kill notice. Runs after the feeds, which no longer show the story, so a file a partner
 * can fetch never holds an id without its marker. The claim is read again first: a file of the same
 * uri that joined since (in the same batch, or publishing now) brings the story back.
 */
export async function forgetCarried(ctx: StateAccess & Settings, vacated: string): Promise<void> {
  const partners = (ctx.config.partners ?? []).filter(announcesKills);
  if (partners.length === 0) return;
  const claim = (await ctx.state.readJson<UriClaim>(ctx.state.keys.claim(vacated)))?.value;
  if (claim && Object.keys(claim.files).length > 0) return;
  await mapConcurrently(partners, REQUESTS_AT_ONCE, (partner) => ctx.state.delete(ctx.state.keys.carried(partner, vacated)));
}

/** Drops sitemap entries that aged out (the scheduled `release` run), so the file is right without a story change. */
export async function pruneSitemap(ctx: StateAccess & SiteAccess & Settings): Promise<void> {
  await updateSitemap(ctx, []);
}

/** One partner shortlist read, changed by every story of the set, refilled and written once. */
async function updatePartner(ctx: PublishContext, partner: PartnerConfig, changes: readonly PartnerChange[]): Promise<void> {
  await ctx.state.update(ctx.state.keys.partnerShortlist(partner), ctx.state.framed<PartnerShortlist>(ctx.fragments), async (current) => {
    const before = current ?? emptyPartnerShortlist();
    const planner = new PartnerPlanner(ctx.config, partner, before, ctx.now, ctx.fragments);
    for (const change of changes) planner.change(change);
    await refillPartnerShortlist(ctx, partner, planner);
    if (current && sameShortlist(ctx, planner.shortlist, before)) return undefined;
    return writePartnerFeed(ctx, partner, planner);
  });
}

/**
 * True when a change left the shortlist as it was (a story saved again unchanged): then there is no
 * feed to render. Entries the change did not touch are the very objects read; one it replaced is
 * compared framed, as stored, since the shortlist read holds tokens where the new entry holds text.
 */
function sameShortlist(ctx: StateAccess, next: PartnerShortlist, before: PartnerShortlist): boolean {
  const sameEntries = (a: PartnerEntry[], b: PartnerEntry[]) =>
    a.length === b.length && a.every((entry, index) => entry === b[index] || encodeFramed(entry, ctx.fragments).equals(encodeFramed(b[index], ctx.fragments)));
  return next.truncated === before.truncated && sameEntries(next.entries, before.entries) && sameEntries(next.kills, before.kills);
}

/** Renders and writes a partner feed from its planner (when its bytes changed); returns the shortlist with the file's MD5. */
async function writePartnerFeed(ctx: StateAccess & SiteAccess & Pick<Reports, 'preflight'>, partner: PartnerConfig, planner: PartnerPlanner): Promise<PartnerShortlist> {
  const feed = planner.render();
  const { shortlist } = planner;
  ctx.preflight.push(...feed.reports.map(formatPartnerReport));
  if (!announcesKills(partner)) return { ...shortlist, md5: await ctx.writer.publish(feed.path, feed.body, shortlist.md5) };
  // Markers before the file: an item a partner could fetch is always known as carried.
  const shown = new Set(shortlist.shown ?? []);
  await mapConcurrently(feed.carried.filter((id) => !shown.has(id)), REQUESTS_AT_ONCE, (id) => ctx.state.putMarker(ctx.state.keys.carried(partner, claimHash(id))));
  return { ...shortlist, md5: await ctx.writer.publish(feed.path, feed.body, shortlist.md5), shown: feed.carried };
}

/** The sitemap as stored: the planner's state and the MD5 of the file last written. */
type StoredSitemap = NewsSitemapState & { md5?: string };

/** Runs the sitemap planner on the stored state; writes the file and the state only when its entries changed. */
async function updateSitemap(ctx: StateAccess & SiteAccess & Settings, changes: NewsSitemapChange[]): Promise<void> {
  await ctx.state.updateJson<StoredSitemap>(ctx.state.keys.sitemap, async (current) => {
    const plan = planNewsSitemap(ctx.config, ctx.now, current, changes);
    // The sitemap is one file: written, or nothing changed.
    const [file] = plan.writes;
    if (!file) return undefined;
    return { ...plan.next, md5: await ctx.writer.publish(file.path, file.body, current?.md5) };
  });
}
