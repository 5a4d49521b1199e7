import type { SiteConfig } from '../site.js';
import { countOf } from '../text/count-noun.js';
import type { ItemSink } from './item-sink.js';
import { NEWS_SITEMAP_MAX_AGE_MS } from './news-sitemap.js';
import { createNewsSitemapSink } from './news-sitemap-sink.js';
import { announcesKills } from '../partners/kill-notice.js';
import { createPartnerFeedSink, type PartnerFeedSink } from './partner/partner-feed-sink.js';
import type { PartnerReport } from '../partners/partner-feed-file.js';
import type { CarriedIds } from '../partners/carried-history.js';

/** The partner outputs of a build and, after it, what their preflight found. */
export interface PartnerOutputs {
  /** Pass these to `buildSite` as extras. */
  sinks: ItemSink[];
  reports(): PartnerReport[];
  /** One line per finding: `partner <name>: <story source>: <rule id>: <message> (<source URL>)`. */
  reportLines(): string[];
  /**
   * One line per partner feed, `partner <name>: <n> items, <n> left out (<rule ids>), <n> warnings: <hint>`
   * (the hint, given the partner's name, says where the details are; only when there are some),
   * and one for the news sitemap.
   */
  summaryLines(hint: (partner: string) => string): string[];
  /** After the build: by partner name, the ids each feed that announces kills has carried (see `createPartnerFeedSink`). */
  carried(): CarriedIds;
}

/** Creates one feed per configured partner (site.json `partners`) and the Google News sitemap; `carried` is what the last build's `carried()` gave. */
export function createPartnerOutputs(site: SiteConfig, now: Date, carried: CarriedIds = {}): PartnerOutputs {
  const partners = site.partners ?? [];
  const feeds: PartnerFeedSink[] = partners.map((partner) => createPartnerFeedSink({ site, partner, now, carried: new Set(carried[partner.name] ?? []) }));
  const sitemap = createNewsSitemapSink(site, now);
  const reports = () => feeds.flatMap((feed) => feed.reports());
  return {
    sinks: [...feeds, sitemap],
    reports,
    reportLines() {
      const lines = reports().map(formatPartnerReport);
      for (const [index, feed] of feeds.entries()) {
        const count = feed.unlisted();
        if (count > 0) lines.push(`partner ${partners[index]!.name}: ${countOf(count, 'older story', 'older stories')} also left out (not listed)`);
      }
      return lines;
    },
    summaryLines(hint) {
      const lines = feeds.map((feed, index) => {
        const name = partners[index]!.name;
        const { items, leftOut } = feed.tally();
        const warnings = feed.reports().filter((report) => report.violation.severity === 'warning').length;
        // The rules that left stories out, so the line alone tells why a feed is short.
        const rules = [...new Set(feed.reports().filter((report) => report.excluded && report.violation.severity === 'error').map((report) => report.violation.rule))];
        const why = rules.length > 0 ? ` (${rules.join(', ')})` : '';
        const counts = [countOf(items, 'item'), ...(leftOut > 0 ? [`${leftOut} left out${why}`] : []), ...(warnings > 0 ? [countOf(warnings, 'warning')] : [])];
        return `partner ${name}: ${counts.join(', ')}${leftOut + warnings > 0 ? `: ${hint(name)}` : ''}`;
      });
      const days = NEWS_SITEMAP_MAX_AGE_MS / 86_400_000;
      lines.push(`news sitemap: ${countOf(sitemap.listed(), 'story', 'stories')} first published in the last ${days} days`);
      return lines;
    },
    carried() {
      return Object.fromEntries(partners.flatMap((partner, index) => (announcesKills(partner) ? [[partner.name, feeds[index]!.carried()]] : [])));
    },
  };
}

/** Formats one finding; an error says the story was left out, a warning that it was kept. */
export function formatPartnerReport(report: PartnerReport): string {
  const { violation } = report;
  const verdict = violation.severity === 'warning' ? 'warning: ' : report.excluded ? 'left out: ' : '';
  return `partner ${report.partner}: ${report.subject}: ${violation.rule}: ${verdict}${violation.message} (${violation.source})`;
}
