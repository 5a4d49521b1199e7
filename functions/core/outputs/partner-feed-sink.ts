import type { SiteConfig } from '../site.js';
import type { PartnerConfig } from '../partners/partner-config.js';
import { renderPartnerItem, type PartnerItem } from '../partners/partner-item.js';
import { partnerFeedFile, type PartnerReport } from '../partners/partner-feed-file.js';
import { profileOf } from '../partners/profile-of.js';
import { partnerWants } from '../partners/partner-wants.js';
import { announcesKills, getsKillNotice } from '../partners/kill-notice.js';
import { checkItem, hasErrors } from '../partners/preflight/run-preflight.js';
import type { Violation } from '../partners/preflight/rule.js';
import type { ItemSink } from './item-sink.js';
import { compareLatestUpdateFirst } from '../newest-first.js';

/** A partner feed output; after `finish`, `reports()` lists what the preflight found. */
export interface PartnerFeedSink extends ItemSink {
  reports(): PartnerReport[];
  /** Excluded stories older than the ones reported (they are counted, not listed). */
  unlisted(): number;
  /** After `finish`: stories in the feed, and stories left out by an error rule (listed or not). */
  tally(): { items: number; leftOut: number };
  /**
   * After `finish`: the ids this feed has carried, for the next build's `carried` — those it carried
   * before and still saw (a deleted story needs no kill), and those in the file just written.
   */
  carried(): string[];
}

interface Checked {
  item: PartnerItem;
  violations: Violation[];
  arrival: number;
}

/**
 * One partner's RSS feed (`partners/<name>/rss.xml`). Every candidate story is preflighted against
 * the profile's rules as it arrives; one breaking an error rule is left out of this feed only and
 * reported. The feed keeps the newest `itemLimit` stories that pass; excluded stories newer than the
 * oldest kept one are reported (they are the ones a partner would have missed), older ones counted.
 * A feed whose profile announces kills (MSN) also carries kill notices (`kill`): the taken-down
 * story, same guid, with a past `dcterms:valid`, for the stories `getsKillNotice` names — only those
 * this feed carried (`carried`, ids of earlier builds).
 */
export function createPartnerFeedSink(options: { site: SiteConfig; partner: PartnerConfig; now: Date; carried?: ReadonlySet<string> }): PartnerFeedSink {
  const { site, partner, now } = options;
  const carriedBefore = options.carried ?? new Set<string>();
  const seen = new Set<string>();
  let carriedNow: string[] = [];
  const { rules } = profileOf(partner);
  const context = { now };
  const passing: Checked[] = [];
  let failing: Checked[] = [];
  const kills: Checked[] = [];
  let arrivals = 0;
  let unlisted = 0;
  let reports: PartnerReport[] = [];
  let items = 0;

  const check = (item: PartnerItem): Checked => ({ item, violations: checkItem(rules, item.checked, context), arrival: arrivals++ });
  const trimFailing = () => {
    const oldestKept = passing.length >= partner.itemLimit ? passing[0]!.arrival : -1;
    const before = failing.length;
    failing = failing.filter((entry) => entry.arrival > oldestKept).slice(-partner.itemLimit);
    unlisted += before - failing.length;
  };

  return {
    kill({ item }) {
      if (!announcesKills(partner)) return;
      seen.add(item.story.id);
      // Carried once, it is on the partner whatever sections the feed takes now.
      if (!getsKillNotice(partner, item.story, now, carriedBefore.has(item.story.id))) return;
      kills.push(check(renderPartnerItem(item, partner, site, item.story.updated)));
      kills.sort((a, b) => compareLatestUpdateFirst(a.item, b.item));
      if (kills.length > partner.itemLimit) kills.pop();
    },
    add({ item }) {
      seen.add(item.story.id);
      if (!partnerWants(partner, item.story.categories.map((category) => category.slug))) return;
      const entry = check(renderPartnerItem(item, partner, site));
      if (hasErrors(entry.violations)) failing.push(entry);
      else {
        passing.push(entry);
        if (passing.length > partner.itemLimit) passing.shift();
      }
      trimFailing();
    },
    finish(emit) {
      const file = partnerFeedFile(site, partner, now, { passing: [...passing].reverse(), failing, kills });
      items = file.items;
      emit({ path: file.path, body: file.body });
      carriedNow = [...new Set([...[...carriedBefore].filter((id) => seen.has(id)), ...file.carried])].sort();
      reports = file.reports;
    },
    reports: () => reports,
    unlisted: () => unlisted,
    tally: () => ({ items, leftOut: failing.length + unlisted }),
    carried: () => carriedNow,
  };
}
