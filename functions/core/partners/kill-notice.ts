import type { Story } from '../story.js';
import type { PartnerConfig } from './partner-config.js';
import { isKilled } from './killed-story.js';
import { profileOf } from './profile-of.js';

/** True when the partner's profile reads kill notices (MSN): its feed keeps track of what it carried. */
export function announcesKills(partner: PartnerConfig): boolean {
  return profileOf(partner).announcesKills;
}

/**
 * The feeds to ask whether they carried `story`: those that announce kills, when the story is a
 * take-down at `now` (`isKilled`). None otherwise, so a driver looks up what was carried only for them.
 */
export function killNoticeCandidates(partners: readonly PartnerConfig[], story: Story, now: Date): PartnerConfig[] {
  return isKilled(story, now) ? partners.filter(announcesKills) : [];
}

/**
 * True when `partner`'s feed gets a kill notice for `story`: it announces kills, the story was public
 * and is taken down at `now`, and this feed carried it (`carried`: the CLI's ledger, the publisher's
 * marker objects). A kill for an item the partner never had would announce a story that was never
 * public there, so carrying is part of the rule, not a driver's detail.
 */
export function getsKillNotice(partner: PartnerConfig, story: Story, now: Date, carried: boolean): boolean {
  return carried && announcesKills(partner) && isKilled(story, now);
}
