import type { SiteConfig } from '../site.js';
import type { ItemSink } from './item-sink.js';
import { createNewsSitemapSink } from './news-sitemap-sink.js';
import { createPartnerFeedSink, type PartnerFeedSink, type PartnerReport } from './partner-feed-sink.js';

/** The partner outputs of a build and, after it, what their preflight found. */
export interface PartnerOutputs {
  /** Pass these to `buildSite` as extras. */
  sinks: ItemSink[];
  reports(): PartnerReport[];
  /** One line per finding: `partner <name>: <story source>: <rule id>: <message> (<source URL>)`. */
  reportLines(): string[];
}

/** Creates one feed per configured partner (site.json `partners`) and the Google News sitemap. */
export function createPartnerOutputs(site: SiteConfig, now: Date): PartnerOutputs {
  const feeds: PartnerFeedSink[] = (site.partners ?? []).map((partner) => createPartnerFeedSink({ site, partner, now }));
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
  };
}

/** Formats one finding; an error says the story was left out, a warning that it was kept. */
export function formatPartnerReport(report: PartnerReport): string {
  const { violation } = report;
  const verdict = violation.severity === 'warning' ? 'warning: ' : report.excluded ? 'left out: ' : '';
  return `partner ${report.partner}: ${report.subject}: ${violation.rule}: ${verdict}${violation.message} (${violation.source})`;
}
