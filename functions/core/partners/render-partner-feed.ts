import type { SiteConfig } from '../site.js';
import { formatRfc822 } from '../dates.js';
import { GENERATOR } from '../formats/generator.js';
import { declareNamespaces } from '../formats/xml-namespace.js';
import { RSS_NAMESPACES } from '../formats/rss/rss-namespaces.js';
import { RSS_MEDIA_TYPE } from '../formats/rss/rss-channel.js';
import { atomLink } from '../formats/rss/namespaces/atom-link.js';
import { escapeXmlText as text } from '../xml/escape.js';
import type { CheckedFeed } from './preflight/checked-feed.js';
import type { PartnerConfig } from './partner-config.js';
import type { PartnerItem } from './partner-item.js';
import { profileOf } from './profile-of.js';

/** Path of a partner's RSS feed in the site. */
export function partnerFeedPath(partner: Pick<PartnerConfig, 'name'>): string {
  return `partners/${partner.name}/rss.xml`;
}

/** A partner feed's channel, as rendered and as the preflight reads it (items added by the caller). */
export interface PartnerChannel {
  head: string;
  checked: Omit<CheckedFeed, 'items' | 'bytes'>;
}

/**
 * The RSS 2.0 channel of a partner feed, with what its profile adds: namespaces, its own channel
 * description, a logo element. Dates come from the newest item, never the clock.
 */
export function renderPartnerChannel(partner: PartnerConfig, site: SiteConfig, items: readonly PartnerItem[]): PartnerChannel {
  const profile = profileOf(partner);
  const namespaces = [...RSS_NAMESPACES, ...profile.namespaces];
  const description = profile.channelDescription ? profile.channelDescription(site) : site.description;
  const logo = partner.logo !== undefined && profile.channelLogo ? { url: partner.logo, xml: profile.channelLogo(partner.logo) } : undefined;
  const newest = items.reduce((max, item) => Math.max(max, item.updated.getTime()), 0);
  const home = `${site.baseUrl}/`;
  let head = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"${declareNamespaces(namespaces)}>\n<channel>\n<title>${text(site.title)}</title>\n<link>${text(home)}</link>\n<description>${text(description)}</description>\n`;
  if (site.language) head += `<language>${text(site.language)}</language>\n`;
  head += `<pubDate>${formatRfc822(new Date(newest))}</pubDate>\n<lastBuildDate>${formatRfc822(new Date(newest))}</lastBuildDate>\n`;
  head += `<generator>${GENERATOR.name}</generator>\n`;
  head += atomLink('self', `${site.baseUrl}/${partnerFeedPath(partner)}`, RSS_MEDIA_TYPE);
  if (logo) head += logo.xml;
  return {
    head,
    checked: {
      namespaces: namespaces.map((namespace) => namespace.uri),
      encoding: 'UTF-8',
      title: site.title,
      link: home,
      description,
      ...(site.language !== undefined && { language: site.language }),
      ...(logo && { logo: logo.url }),
    },
  };
}

/** The closing tags of a partner feed. */
export const PARTNER_FEED_TAIL = '</channel>\n</rss>\n';
