import type { SiteConfig } from '../site.js';
import type { ItemSink } from './item-sink.js';
import { createNewsSitemapSink } from './news-sitemap-sink.js';
import { announcesKills, createPartnerFeedSink, type PartnerFeedSink, type PartnerReport } from './partner-feed-sink.js';

/** The partner outputs of a build and, after it, what their preflight found. */
export interface PartnerOutputs {
  /** Pass these to `buildSite` as extras. */
  sinks: ItemSink[];
  reports(): PartnerReport[];
  /** One line per finding: `partner <name>: <story source>: <rule id>: <message> (<source URL>)`. */
  reportLines(): string[];
  /** After the build: by partner name, the ids each feed that announces kills has carried (see `createPartnerFeedSink`). */
  carried(): CarriedIds;
}

/** By partner name, the ids of the stories that partner's feed has carried. */
export type CarriedIds = Record<string, string[]>;

/** Creates one feed per configured partner (site.json `partners`) and the Google News sitemap; `carried` is what the last build's `carried()` gave. */
export function createPartnerOutputs(site: SiteConfig, now: Date, carried: CarriedIds = {}): PartnerOutputs {
  const partners = site.partners ?? [];
  const feeds: PartnerFeedSink[] = partners.map((partner) => createPartnerFeedSink({ site, partner, now, carried: new Set(carried[partner.name] ?? []) }));
  const reports = () => feeds.flatMap((feed) => feed.reports());
  return {
    sinks: [...feeds, createNewsSitemapSink(site, now)],
    reports,
    reportLines() {
      const lines = reports().map(formatPartnerReport);
      for (const [index, feed] of feeds.entries()) {
        const count = feed.unlisted();
        if (count > 0) lines.push(`partner ${site.partners![index]!.name}: ${count} older stories also left out (not listed)`);
      }
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
