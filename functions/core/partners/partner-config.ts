/** How much of a story a partner receives. */
export type PartnerContent = 'full' | 'summary';

/**
 * One configured partner feed (`partners` in `content/site.json`), served under `partners/<name>/`.
 * Plain data, so it crosses to build workers and into the build cache's key; its `profile` names
 * the rules it follows (`profile-of.ts`).
 */
export interface PartnerConfig {
  /** URL-safe folder name, e.g. `msn` or `flipboard-sport`. */
  name: string;
  /** Name of a registered profile (`profiles/registry.ts`), e.g. `msn`. */
  profile: string;
  /** Section slugs to include; all sections (and stories without one) when absent. */
  sections?: string[];
  itemLimit: number;
  content: PartnerContent;
  /** Pick the smallest rendition at least this wide, else the largest. Absent: the largest. */
  imageMinWidth?: number;
  /** Channel logo, for a profile that shows one (SmartNews `snf:logo`); absolute https URL. */
  logo?: string;
}
