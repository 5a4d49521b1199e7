import type { FeedItem } from '../../feed-item.js';
import type { SiteConfig } from '../../site.js';
import type { Story } from '../../story.js';
import type { PartnerConfig } from '../../partners/partner-config.js';
import { partnerWants } from '../../partners/partner-wants.js';
import { announcesKills, getsKillNotice } from '../../partners/kill-notice.js';
import type { StoryRecord } from '../../incremental/story-record.js';
import { type PartnerChange } from './partner-shortlist.js';
import { killEntry, partnerEntry } from './partner-entry.js';

/** One story file's change, as the partner feeds see it. */
export interface StoryChange {
  /** The story file's source hash. */
  hash: string;
  /** The story as now stored; undefined when the file was deleted. */
  story: Story | undefined;
  /** Present when the story is published now. */
  item: FeedItem | undefined;
  previous: StoryRecord | undefined;
}

/**
 * The partner shortlists one story's change touches, each with the story's new entry and kill notice
 * (neither: it leaves the shortlist). A shortlist is touched when the partner takes the story now or took
 * it before, when the story gets a kill notice there (`getsKillNotice`; `carriedBy` names the feeds
 * that carried it), and, for feeds that announce kills, whenever the story leaves the site, since a
 * notice sent earlier must go with it. A deleted file gets no notice: it has no take-down version
 * to date it (publish a `canceled` version first), as the CLI build never sees a deleted file.
 */
export function planPartnerChanges(site: SiteConfig, change: StoryChange, now: Date, carriedBy: ReadonlySet<string>): Array<{ partner: PartnerConfig; change: PartnerChange }> {
  const { story, item, previous, hash } = change;
  const wasPublished = previous?.status === 'published';
  const slugsBefore = wasPublished ? previous.feeds.filter((feed) => feed.startsWith('sections/')).map((feed) => feed.slice('sections/'.length)) : [];
  const slugsNow = item ? item.story.categories.map((category) => category.slug) : [];
  const planned: Array<{ partner: PartnerConfig; change: PartnerChange }> = [];
  for (const partner of site.partners ?? []) {
    const wantedNow = item !== undefined && partnerWants(partner, slugsNow);
    const kill = story !== undefined && getsKillNotice(partner, story, now, carriedBy.has(partner.name));
    const mayHoldKill = item === undefined && announcesKills(partner);
    if (!wantedNow && !kill && !mayHoldKill && !(wasPublished && partnerWants(partner, slugsBefore))) continue;
    planned.push({
      partner,
      change: {
        source: hash,
        ...(wantedNow && { entry: partnerEntry(item, partner, site, hash) }),
        ...(kill && { kill: killEntry(story, partner, site, hash) }),
      },
    });
  }
  return planned;
}
