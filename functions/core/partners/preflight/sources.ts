/**
 * Specifications any profile may cite for a rule a partner takes for granted (absolute URLs, date
 * formats). A partner's own pages are in its profile file (`../profiles/`).
 */
export const SPEC_SOURCES = {
  rssProfile: 'https://www.rssboard.org/rss-profile',
} as const;
