import type { XmlNamespace } from '../formats/xml-namespace.js';
import type { SiteConfig } from '../site.js';
import type { Story } from '../story.js';
import type { PartnerContent } from './partner-config.js';
import type { Rule } from './preflight/rule.js';

/** What a `partners` entry gets for a setting it leaves out, from the partner's published numbers. */
export interface ProfileDefaults {
  /** Items a partner typically reads. */
  itemLimit: number;
  content: PartnerContent;
  /** The narrowest image the partner accepts. */
  imageMinWidth: number;
}

/**
 * Everything wirefeed knows of one partner, in one file under `profiles/`: the defaults, how its
 * feed differs from the others (quirks), and its published rules with the pages they come from.
 * Generic code asks the profile (`profileOf`) and never compares a profile's name.
 */
export interface PartnerProfile {
  /** The `profile` value in site.json and `check --profile`, e.g. `msn`. */
  name: string;
  defaults: ProfileDefaults;
  /** Most bytes of the feed file: over it the oldest stories leave the feed, kills stay. */
  feedBytes: number;
  /**
   * The partner reads kill notices (MSN): a story its feed carried and that is then taken down stays
   * in the feed as a notice (`kill-notice.ts`). Others simply stop seeing the story.
   */
  announcesKills: boolean;
  /** Namespaces the channel declares after the ones every RSS feed of ours declares (formats/rss/namespaces). */
  namespaces: readonly XmlNamespace[];
  /** The channel description; the site's description when absent. */
  channelDescription?(site: SiteConfig): string;
  /** The channel's logo element for the partner's `logo` setting; a profile without one ignores the setting. */
  channelLogo?(url: string): string;
  /** Who an item without a byline is credited to in `dc:creator`; no `dc:creator` when absent. */
  creditWithoutByline?(story: Story, site: SiteConfig): string;
  /** Items carry the lead photo's thumbnail as an item-level `media:thumbnail`. */
  itemThumbnail: boolean;
  /** Preflight rules: an error keeps a story out of this partner's feed, a warning is reported. */
  rules: readonly Rule[];
}
