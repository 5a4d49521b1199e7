/**
 * Partner profiles: a named partner feed (`partners` in `content/site.json`) follows one partner's
 * published rules. The facts behind each rule are summarised in docs/partners.md; every rule cites its source.
 */

/** Partners whose published feed rules wirefeed knows. */
export const PROFILE_NAMES = ['google-news', 'msn', 'flipboard', 'smartnews'] as const;

/** One of the partner profiles. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** How much of a story a partner receives. */
export type PartnerContent = 'full' | 'summary';

/** One configured partner feed, served under `partners/<name>/`. */
export interface PartnerConfig {
  /** URL-safe folder name, e.g. `msn` or `flipboard-sport`. */
  name: string;
  profile: ProfileName;
  /** Section slugs to include; all sections (and stories without one) when absent. */
  sections?: string[];
  itemLimit: number;
  content: PartnerContent;
  /** Pick the smallest rendition at least this wide, else the largest. Absent: the largest. */
  imageMinWidth?: number;
  /** Channel logo (SmartNews `snf:logo`); absolute https URL. */
  logo?: string;
}

/** Per-profile defaults and the partner's source pages, for config and rule messages. */
export interface ProfileFacts {
  /** Items a partner typically reads; the default `itemLimit`. */
  itemLimit: number;
  /** Flipboard and Google News want the whole body; MSN needs a body too. */
  content: PartnerContent;
  /** The narrowest image the partner accepts, used as the default `imageMinWidth`. */
  imageMinWidth: number;
}

/** Defaults per profile, taken from each partner's published numbers. */
export const PROFILE_FACTS: Readonly<Record<ProfileName, ProfileFacts>> = {
  // Google News reads ≤60 new articles per fetch; legacy Producer editions asked ≥800 px.
  'google-news': { itemLimit: 60, content: 'full', imageMinWidth: 800 },
  // MSN feeds "typically carry ~20 items"; images need ≥720 px on one side.
  msn: { itemLimit: 20, content: 'full', imageMinWidth: 720 },
  // Flipboard full-content spec: ≥30 items, image smallest side ≥500 px (enclosure rule).
  flipboard: { itemLimit: 30, content: 'full', imageMinWidth: 500 },
  // SmartNews recommends files ≤1 MB; fewer items keep full-text feeds under it.
  smartnews: { itemLimit: 20, content: 'full', imageMinWidth: 600 },
};

/** True for a known profile name. */
export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}
