import type { PartnerConfig } from './partner-config.js';

/**
 * True when the partner takes a story in these sections (by slug): every story when it names no
 * sections. The one filter of partner candidates, for the build and the publisher alike.
 */
export function partnerWants(partner: Pick<PartnerConfig, 'sections'>, slugs: readonly string[]): boolean {
  return !partner.sections || slugs.some((slug) => partner.sections!.includes(slug));
}
