import { snfLogo, SNF } from '../../formats/rss/namespaces/snf.js';
import type { PartnerProfile } from '../partner-profile.js';
import { SPEC_SOURCES } from '../preflight/sources.js';
import { datePresent } from '../preflight/dates.js';
import { channelDescriptionLength, channelElement, itemElement, namespacesDeclared } from '../preflight/elements.js';
import { titleNoHtml, titlePresent } from '../preflight/title.js';
import { absoluteUrls } from '../preflight/urls.js';
import { encodingUtf8, feedBytesMax } from '../preflight/sizes.js';

/** SmartNews SmartFormat 2.1. */
const SMARTFORMAT = 'https://publishers.smartnews.com/hc/en-us/articles/360036526213';


/** SmartNews shows at most 30 characters of the channel description. */
const DESCRIPTION_MAX = 30;

const MB = 1024 * 1024;

/**
 * SmartNews: `snf:logo` in the channel, a channel description of the site title cut to what the
 * app shows, and an item-level `media:thumbnail`.
 */
export const smartnews: PartnerProfile = {
  name: 'smartnews',
  // SmartNews recommends files ≤1 MB; fewer items keep full-text feeds under it.
  defaults: { itemLimit: 20, content: 'full', imageMinWidth: 600 },
  feedBytes: 1 * MB,
  announcesKills: false,
  namespaces: [SNF],
  channelDescription: (site) => shorten(site.title, DESCRIPTION_MAX),
  channelLogo: snfLogo,
  itemThumbnail: true,
  rules: [
    encodingUtf8({ severity: 'error', source: SMARTFORMAT }),
    namespacesDeclared({ severity: 'error', source: SMARTFORMAT, uris: { snf: SNF.uri } }),
    channelElement({ severity: 'error', source: SMARTFORMAT, element: 'title' }),
    channelElement({ severity: 'error', source: SMARTFORMAT, element: 'link' }),
    channelDescriptionLength({ severity: 'warning', source: SMARTFORMAT, max: DESCRIPTION_MAX }),
    channelElement({ severity: 'error', source: SMARTFORMAT, element: 'snf:logo' }),
    titlePresent({ severity: 'error', source: SMARTFORMAT }),
    titleNoHtml({ severity: 'error', source: SMARTFORMAT }),
    itemElement({ severity: 'error', source: SMARTFORMAT, element: 'link' }),
    // A third-party checker also wants these; SmartNews's own text was not verified.
    itemElement({ severity: 'warning', source: SMARTFORMAT, element: 'guid' }),
    datePresent({ severity: 'warning', source: SMARTFORMAT }),
    itemElement({ severity: 'warning', source: SMARTFORMAT, element: 'content:encoded' }),
    itemElement({ severity: 'warning', source: SMARTFORMAT, element: 'media:thumbnail' }),
    absoluteUrls({ severity: 'error', source: SPEC_SOURCES.rssProfile }),
    feedBytesMax({ severity: 'warning', source: SMARTFORMAT, max: 1 * MB }),
  ],
};

function shorten(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
