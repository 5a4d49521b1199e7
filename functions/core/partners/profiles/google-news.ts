import type { PartnerProfile } from '../partner-profile.js';
import { SPEC_SOURCES } from '../preflight/sources.js';
import { dateFormat, datePresent } from '../preflight/dates.js';
import { itemElement } from '../preflight/elements.js';
import { absoluteUrls } from '../preflight/urls.js';
import { encodingUtf8, feedBytesMax, itemBytesMax } from '../preflight/sizes.js';
import { titlePresent } from '../preflight/title.js';
import { itemCountMax } from '../preflight/counts.js';

/** Google News Publisher Center: "Technical feed requirements". */
const FEED_REQUIREMENTS = 'https://support.google.com/news/publisher-center/answer/9545420';

const MB = 1024 * 1024;

/** Google News: full text, Media RSS for every photo, no quirks beyond the common partner feed. */
export const googleNews: PartnerProfile = {
  name: 'google-news',
  // Google News reads ≤60 new articles per fetch; legacy Producer editions asked ≥800 px.
  defaults: { itemLimit: 60, content: 'full', imageMinWidth: 800 },
  // Google News reads 2 MB of a feed.
  feedBytes: 2 * MB,
  announcesKills: false,
  namespaces: [],
  itemThumbnail: false,
  rules: [
    itemElement({ severity: 'error', source: FEED_REQUIREMENTS, element: 'guid' }),
    titlePresent({ severity: 'error', source: FEED_REQUIREMENTS }),
    itemElement({ severity: 'error', source: FEED_REQUIREMENTS, element: 'link' }),
    // Google detects edits from pubDate: an item without one is never updated.
    datePresent({ severity: 'error', source: FEED_REQUIREMENTS }),
    dateFormat({ severity: 'error', source: SPEC_SOURCES.rssProfile }),
    itemElement({ severity: 'warning', source: FEED_REQUIREMENTS, element: 'content:encoded' }),
    absoluteUrls({ severity: 'error', source: SPEC_SOURCES.rssProfile }),
    itemBytesMax({ severity: 'error', source: FEED_REQUIREMENTS, max: 1 * MB }),
    feedBytesMax({ severity: 'error', source: FEED_REQUIREMENTS, max: 2 * MB }),
    itemCountMax({ severity: 'warning', source: FEED_REQUIREMENTS, max: 60 }),
    encodingUtf8({ severity: 'error', source: FEED_REQUIREMENTS }),
  ],
};
