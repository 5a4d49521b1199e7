import type { PartnerProfile } from '../partner-profile.js';
import { SPEC_SOURCES } from '../preflight/sources.js';
import { dateFormat, datePresent } from '../preflight/dates.js';
import { channelElement, descriptionLength, itemElement } from '../preflight/elements.js';
import { imageMinSize, imagePresent } from '../preflight/images.js';
import { titlePresent } from '../preflight/title.js';
import { absoluteUrls } from '../preflight/urls.js';
import { itemCountMin } from '../preflight/counts.js';

/** Flipboard pages: "Resubmit an RSS feed" (item requirements) and the full-content RSS spec. */
const SOURCES = {
  resubmit: 'https://flipboard.helpshift.com/hc/en/1-flipboard/faq/1023-resubmit-an-rss-feed/',
  spec: 'https://about.flipboard.com/rss-spec/',
} as const;

/** Flipboard: the large rendition as `enclosure`, and a `dc:creator` on every item. */
export const flipboard: PartnerProfile = {
  name: 'flipboard',
  // Flipboard full-content spec: ≥30 items, image smallest side ≥500 px (enclosure rule).
  defaults: { itemLimit: 30, content: 'full', imageMinWidth: 500 },
  feedBytes: 2 * 1024 * 1024,
  announcesKills: false,
  namespaces: [],
  // Flipboard requires dc:creator; a story without a byline is credited to its source or the site.
  creditWithoutByline: (story, site) => story.credit ?? site.title,
  itemThumbnail: false,
  rules: [
    channelElement({ severity: 'error', source: SOURCES.resubmit, element: 'title' }),
    channelElement({ severity: 'error', source: SOURCES.resubmit, element: 'link' }),
    channelElement({ severity: 'error', source: SOURCES.resubmit, element: 'description' }),
    channelElement({ severity: 'error', source: SOURCES.resubmit, element: 'language' }),
    titlePresent({ severity: 'error', source: SOURCES.resubmit }),
    itemElement({ severity: 'error', source: SOURCES.resubmit, element: 'link' }),
    itemElement({ severity: 'error', source: SOURCES.resubmit, element: 'description' }),
    descriptionLength({ severity: 'warning', source: SOURCES.resubmit, min: 300 }),
    datePresent({ severity: 'error', source: SOURCES.resubmit }),
    dateFormat({ severity: 'error', source: SOURCES.resubmit }),
    itemElement({ severity: 'error', source: SOURCES.resubmit, element: 'guid' }),
    itemElement({ severity: 'error', source: SOURCES.resubmit, element: 'dc:creator' }),
    imagePresent({ severity: 'error', source: SOURCES.resubmit, enclosure: true }),
    imageMinSize({ severity: 'error', source: SOURCES.resubmit, min: 500, side: 'shortest', enclosureOnly: true }),
    itemElement({ severity: 'warning', source: SOURCES.spec, element: 'content:encoded' }),
    absoluteUrls({ severity: 'error', source: SPEC_SOURCES.rssProfile }),
    itemCountMin({ severity: 'warning', source: SOURCES.resubmit, min: 20 }),
  ],
};
