import { buildFeedItem } from '../../core/feed-item.js';
import { type PartnerPlanner } from '../../core/outputs/partner/partner-shortlist.js';
import { partnerEntry, type PartnerEntry } from '../../core/outputs/partner/partner-entry.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { planMedia } from '../../core/media/plan-media.js';
import { parseStoryCompact as parseStory } from '../../core/ninjs/parse-story-compact.js';
import type { PartnerConfig } from '../../core/partners/partner-config.js';
import type { Story } from '../../core/story.js';
import { StoryError } from '../../core/story-error.js';
import type { ContentAccess, Reports, Settings, StateAccess } from './publish-context.js';

/** What a refill reads (the order markers, records and the stories' files) and where it reports a refused file. */
type RefillContext = ContentAccess & StateAccess & Pick<Settings, 'config'> & Pick<Reports, 'warnings'>;

/**
 * Refills a partner shortlist left short of passing candidates (the planner's `refillNeed` says when
 * and from where): reads the order markers of the feeds it draws on (one LIST each, merged newest
 * first) and renders again, from its content file, each story the planner asks for, since partner
 * items are kept only in the shortlist. Bounded by the partner's item limit, whatever the archive size;
 * rare, as for feeds. Leaves the planner as it is when it needs nothing.
 */
export async function refillPartnerShortlist(ctx: RefillContext, partner: PartnerConfig, planner: PartnerPlanner): Promise<void> {
  const need = planner.refillNeed();
  if (!need) return;
  const names = new Set<string>();
  let more = false;
  for (const folder of need.folders) {
    const listing = await ctx.state.list(ctx.state.keys.orderMarkers(folder), need.capacity);
    more ||= listing.more;
    for (const { key } of listing.objects) names.add(ctx.state.keys.orderRank(key));
  }
  // Ranks sort newest first across feeds, so one sort merges them; a story in several feeds has one rank.
  const head = [...names].sort().map(ctx.state.keys.sourceOfOrder);
  const steps = planner.refill(need, head, more);
  for (let step = steps.next(); !step.done; ) step = steps.next(await renderAgain(ctx, partner, step.value));
}

async function renderAgain(ctx: RefillContext, partner: PartnerConfig, source: string): Promise<PartnerEntry | undefined> {
  const record = (await ctx.state.readJson<StoryRecord>(ctx.state.keys.record(source)))?.value;
  if (record?.status !== 'published') return undefined;
  const object = await ctx.content.readStory(record.key);
  if (!object) return undefined;
  let story: Story;
  try {
    story = parseStory(object.body, { source: ctx.content.prefix + record.key, baseUrl: ctx.config.baseUrl });
  } catch (error) {
    if (!(error instanceof StoryError)) throw error;
    // Its last good version stays published, but only its file is kept, and it is refused now.
    // Failing would fail every publish that drains this shortlist until an editor fixes the file.
    ctx.warnings.push({ message: 'partner feed refill left out a story whose file is refused; its last good version stays in the site feeds', details: { partner: partner.name, story: ctx.content.prefix + record.key, lines: error.lines() } });
    return undefined;
  }
  const media = await ctx.content.loadMedia([story]);
  const plan = planMedia(story, media.catalog, ctx.config.baseUrl);
  if (plan.problems.length > 0) return undefined;
  return partnerEntry(buildFeedItem(story, plan, ctx.config.baseUrl), partner, ctx.config, source);
}
