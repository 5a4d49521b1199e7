import type { SiteConfig } from '../../site.js';
import type { PartnerConfig } from '../../partners/partner-config.js';
import type { PartnerReport } from '../../partners/partner-feed-file.js';
import { partnerWants } from '../../partners/partner-wants.js';
import { announcesKills, getsKillNotice } from '../../partners/kill-notice.js';
import { nextCarried } from '../../partners/carried-history.js';
import type { ItemSink } from '../item-sink.js';
import { renderPartnerItem } from '../../partners/partner-item.js';
import { emptyPartnerShortlist, PartnerPlanner } from './partner-shortlist.js';
import { partnerEntry } from './partner-entry.js';

/** A partner feed output; after `finish`, `reports()` lists what the preflight found. */
export interface PartnerFeedSink extends ItemSink {
  reports(): PartnerReport[];
  /** Excluded stories older than the ones reported (they are counted, not listed). */
  unlisted(): number;
  /** After `finish`: stories in the feed, and stories left out by an error rule (listed or not). */
  tally(): { items: number; leftOut: number };
  /** After `finish`: the ids this feed has carried, for the next build's `carried` (`nextCarried`: `seen` is what is in the content). */
  carried(): string[];
}

/**
 * One partner's RSS feed (`partners/<name>/rss.xml`) in the build: the partner's planner
 * (`PartnerPlanner`, the publisher's and the rebuild's too) run over every story from an empty
 * shortlist, each story keyed by its file. A feed whose profile announces kills (MSN) also gets the
 * kill notices `getsKillNotice` names: only for stories this feed carried (`carried`, ids of earlier
 * builds).
 */
export function createPartnerFeedSink(options: { site: SiteConfig; partner: PartnerConfig; now: Date; carried?: ReadonlySet<string> }): PartnerFeedSink {
  const { site, partner, now } = options;
  const carriedBefore = options.carried ?? new Set<string>();
  const planner = new PartnerPlanner(site, partner, emptyPartnerShortlist(), now);
  const seen = new Set<string>();
  let carriedNow: string[] = [];
  let leftOut = 0;
  let unlisted = 0;
  let reports: PartnerReport[] = [];
  let items = 0;

  return {
    kill({ item }) {
      if (!announcesKills(partner)) return;
      seen.add(item.story.id);
      // Carried once, it is on the partner whatever sections the feed takes now.
      if (!getsKillNotice(partner, item.story, now, carriedBefore.has(item.story.id))) return;
      planner.change({ source: item.story.source, kill: partnerEntry(item, partner, site, item.story.source, item.story.updated) });
    },
    add({ item }) {
      seen.add(item.story.id);
      if (!partnerWants(partner, item.story.categories.map((category) => category.slug))) return;
      if (!planner.add(renderPartnerItem(item, partner, site), item.story.source)) leftOut += 1;
    },
    finish(emit) {
      const file = planner.render();
      items = file.items;
      unlisted = leftOut - file.listedOut;
      emit({ path: file.path, body: file.body });
      carriedNow = nextCarried(carriedBefore, (id) => seen.has(id), file.carried).sort();
      reports = file.reports;
    },
    reports: () => reports,
    unlisted: () => unlisted,
    tally: () => ({ items, leftOut }),
    carried: () => carriedNow,
  };
}
