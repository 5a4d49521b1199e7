import type { ProfileName } from '../partner-profile.js';
import type { Rule } from './rule.js';
import { SOURCES as S } from './sources.js';
import { titleLength, titleNoHtml, titlePresent } from './title.js';
import { dateFormat, dateInPast, datePresent, dateWithin, killValid, modifiedPresent } from './dates.js';
import { imageAspect, imageMinSize, imagePresent, imageTypes } from './images.js';
import { channelDescriptionLength, channelElement, descriptionLength, itemElement, namespacesDeclared } from './elements.js';
import { absoluteUrls, httpsUrls } from './urls.js';
import { encodingUtf8, feedBytesMax, itemBytesMax } from './sizes.js';
import { itemCountMax, itemCountMin } from './counts.js';

const MB = 1024 * 1024;

/** Namespace URIs partners ask for. */
export const PARTNER_NS = {
  media: 'http://search.yahoo.com/mrss/',
  mi: 'http://schemas.ingestion.microsoft.com/common/',
  dcterms: 'http://purl.org/dc/terms/',
  snf: 'http://www.smartnews.be/snf',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

const error = 'error' as const;
const warning = 'warning' as const;

/** Google News Publisher Center: "Technical feed requirements". */
const GOOGLE_NEWS: Rule[] = [
  itemElement({ severity: error, source: S.googleFeed, element: 'guid' }),
  titlePresent({ severity: error, source: S.googleFeed }),
  itemElement({ severity: error, source: S.googleFeed, element: 'link' }),
  // Google detects edits from pubDate: an item without one is never updated.
  datePresent({ severity: error, source: S.googleFeed }),
  dateFormat({ severity: error, source: S.rssProfile }),
  itemElement({ severity: warning, source: S.googleFeed, element: 'content:encoded' }),
  absoluteUrls({ severity: error, source: S.rssProfile }),
  itemBytesMax({ severity: error, source: S.googleFeed, max: 1 * MB }),
  feedBytesMax({ severity: error, source: S.googleFeed, max: 2 * MB }),
  itemCountMax({ severity: warning, source: S.googleFeed, max: 60 }),
  encodingUtf8({ severity: error, source: S.googleFeed }),
];

/** Microsoft Start / MSN Partner Hub: metadata, expiration and feed specifications. */
const MSN: Rule[] = [
  namespacesDeclared({ severity: error, source: S.msnSpec, uris: { media: PARTNER_NS.media, mi: PARTNER_NS.mi, dcterms: PARTNER_NS.dcterms } }),
  itemElement({ severity: error, source: S.msnMetadata, element: 'guid' }),
  titlePresent({ severity: error, source: S.msnMetadata }),
  titleLength({ severity: error, source: S.msnMetadata, min: 21, max: 150 }),
  titleNoHtml({ severity: error, source: S.msnMetadata }),
  datePresent({ severity: error, source: S.msnMetadata }),
  dateFormat({ severity: error, source: S.msnMetadata }),
  dateInPast({ severity: error, source: S.msnMetadata }),
  dateWithin({ severity: error, source: S.msnMetadata, days: 365 }),
  modifiedPresent({ severity: warning, source: S.msnExpiration }),
  killValid({ severity: error, source: S.msnExpiration }),
  itemElement({ severity: error, source: S.msnMetadata, element: 'body' }),
  itemElement({ severity: error, source: S.msnMetadata, element: 'link' }),
  absoluteUrls({ severity: error, source: S.msnSpec }),
  httpsUrls({ severity: error, source: S.msnSpec }),
  // Items without an image are ingested but not auto-published.
  imagePresent({ severity: warning, source: S.msnMetadata, enclosure: false }),
  imageMinSize({ severity: error, source: S.msnMetadata, min: 720, side: 'longest' }),
  imageAspect({ severity: error, source: S.msnMetadata, min: 0.5, max: 1.89 }),
  imageTypes({ severity: error, source: S.msnMetadata, types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] }),
];

/** Flipboard: "Resubmit an RSS feed" (item requirements) and the full-content RSS spec. */
const FLIPBOARD: Rule[] = [
  channelElement({ severity: error, source: S.flipboardResubmit, element: 'title' }),
  channelElement({ severity: error, source: S.flipboardResubmit, element: 'link' }),
  channelElement({ severity: error, source: S.flipboardResubmit, element: 'description' }),
  channelElement({ severity: error, source: S.flipboardResubmit, element: 'language' }),
  titlePresent({ severity: error, source: S.flipboardResubmit }),
  itemElement({ severity: error, source: S.flipboardResubmit, element: 'link' }),
  itemElement({ severity: error, source: S.flipboardResubmit, element: 'description' }),
  descriptionLength({ severity: warning, source: S.flipboardResubmit, min: 300 }),
  datePresent({ severity: error, source: S.flipboardResubmit }),
  dateFormat({ severity: error, source: S.flipboardResubmit }),
  itemElement({ severity: error, source: S.flipboardResubmit, element: 'guid' }),
  itemElement({ severity: error, source: S.flipboardResubmit, element: 'dc:creator' }),
  imagePresent({ severity: error, source: S.flipboardResubmit, enclosure: true }),
  imageMinSize({ severity: error, source: S.flipboardResubmit, min: 500, side: 'shortest', enclosureOnly: true }),
  itemElement({ severity: warning, source: S.flipboardSpec, element: 'content:encoded' }),
  absoluteUrls({ severity: error, source: S.rssProfile }),
  itemCountMin({ severity: warning, source: S.flipboardResubmit, min: 20 }),
];

/** SmartNews SmartFormat 2.1. */
const SMARTNEWS: Rule[] = [
  encodingUtf8({ severity: error, source: S.smartnews }),
  namespacesDeclared({ severity: error, source: S.smartnews, uris: { snf: PARTNER_NS.snf } }),
  channelElement({ severity: error, source: S.smartnews, element: 'title' }),
  channelElement({ severity: error, source: S.smartnews, element: 'link' }),
  channelDescriptionLength({ severity: warning, source: S.smartnews, max: 30 }),
  channelElement({ severity: error, source: S.smartnews, element: 'snf:logo' }),
  titlePresent({ severity: error, source: S.smartnews }),
  titleNoHtml({ severity: error, source: S.smartnews }),
  itemElement({ severity: error, source: S.smartnews, element: 'link' }),
  // A third-party checker also wants these; SmartNews's own text was not verified.
  itemElement({ severity: warning, source: S.smartnews, element: 'guid' }),
  datePresent({ severity: warning, source: S.smartnews }),
  itemElement({ severity: warning, source: S.smartnews, element: 'content:encoded' }),
  itemElement({ severity: warning, source: S.smartnews, element: 'media:thumbnail' }),
  absoluteUrls({ severity: error, source: S.rssProfile }),
  feedBytesMax({ severity: warning, source: S.smartnews, max: 1 * MB }),
];

/** Each profile's published rules. */
export const PROFILE_RULES: Readonly<Record<ProfileName, readonly Rule[]>> = {
  'google-news': GOOGLE_NEWS,
  msn: MSN,
  flipboard: FLIPBOARD,
  smartnews: SMARTNEWS,
};
