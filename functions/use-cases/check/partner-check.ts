import { buildSite } from '../../core/build-site.js';
import type { SiteOverrides } from '../../core/site-config.js';
import { createPartnerOutputs } from '../../core/outputs/partner-outputs.js';
import type { ContentSource } from '../../core/ports/content-source.js';
import type { Reporter } from '../reporter.js';
import { loadSite } from '../build/load-site.js';
import { loadStories } from '../build/load-stories.js';

/**
 * Runs one partner's preflight over a content folder as a build would (same site, stories and
 * clock), writing nothing, and prints every finding: what a build's summary line points to.
 */
export function runPartnerCheck(content: ContentSource, options: SiteOverrides & { now: Date; partner: string }, reporter: Reporter): { leftOut: number } {
  const site = loadSite(content, options);
  const names = (site.partners ?? []).map((partner) => partner.name);
  if (!names.includes(options.partner)) {
    throw new Error(`--partner: site.json has no partner ${JSON.stringify(options.partner)}${names.length > 0 ? ` (it has ${names.join(', ')})` : ''}`);
  }
  const partners = createPartnerOutputs({ ...site, partners: site.partners!.filter((partner) => partner.name === options.partner) }, options.now);
  const loaded = loadStories(content.listStories(), content, site.baseUrl);
  const build = buildSite({ site, stories: loaded.stories, catalog: content.mediaCatalog(), now: options.now }, partners.sinks);
  for (const error of [...loaded.rejected, ...build.rejected]) for (const line of error.lines()) reporter.error(line);
  for (const line of partners.reportLines()) reporter.info(line);
  const [summary] = partners.summaryLines(() => 'details above');
  reporter.info(summary!);
  const leftOut = new Set(partners.reports().filter((report) => report.excluded).map((report) => report.subject)).size;
  return { leftOut };
}
