import { DCTERMS } from '../../formats/rss/namespaces/dcterms.js';
import { MEDIA } from '../../formats/rss/namespaces/media-rss.js';
import { MI } from '../../formats/rss/namespaces/mi.js';
import type { PartnerProfile } from '../partner-profile.js';
import { dateFormat, dateInPast, datePresent, dateWithin, killValid, modifiedPresent } from '../preflight/dates.js';
import { itemElement, namespacesDeclared } from '../preflight/elements.js';
import { imageAspect, imageMinSize, imagePresent, imageTypes } from '../preflight/images.js';
import { titleLength, titleNoHtml, titlePresent } from '../preflight/title.js';
import { absoluteUrls, httpsUrls } from '../preflight/urls.js';

/** Microsoft Start / MSN Partner Hub pages. */
const SOURCES = {
  metadata: 'https://support.microsoft.com/topic/0114c19c-36bb-4fef-8322-4a1ed6888329',
  expiration: 'https://support.microsoft.com/topic/c06e8a18-8365-43dc-a5b3-364f1a470edf',
  spec: 'https://helpcenter.microsoftstart.com/kb/feed-specifications',
} as const;


/**
 * Microsoft Start / MSN: declares `mi`, and announces take-downs as kills (the carried item again,
 * same guid, with a past `dcterms:valid` end and a newer `dcterms:modified`, per the expiration page).
 */
export const msn: PartnerProfile = {
  name: 'msn',
  // MSN feeds "typically carry ~20 items"; images need ≥720 px on one side.
  defaults: { itemLimit: 20, content: 'full', imageMinWidth: 720 },
  feedBytes: 2 * 1024 * 1024,
  announcesKills: true,
  namespaces: [MI],
  itemThumbnail: false,
  rules: [
    // The URIs as MSN's specification spells them, not the renderer's table: the rule checks the renderer.
    namespacesDeclared({ severity: 'error', source: SOURCES.spec, uris: { media: MEDIA.uri, mi: MI.uri, dcterms: DCTERMS.uri } }),
    itemElement({ severity: 'error', source: SOURCES.metadata, element: 'guid' }),
    titlePresent({ severity: 'error', source: SOURCES.metadata }),
    titleLength({ severity: 'error', source: SOURCES.metadata, min: 21, max: 150 }),
    titleNoHtml({ severity: 'error', source: SOURCES.metadata }),
    datePresent({ severity: 'error', source: SOURCES.metadata }),
    dateFormat({ severity: 'error', source: SOURCES.metadata }),
    dateInPast({ severity: 'error', source: SOURCES.metadata }),
    dateWithin({ severity: 'error', source: SOURCES.metadata, days: 365 }),
    modifiedPresent({ severity: 'warning', source: SOURCES.expiration }),
    killValid({ severity: 'error', source: SOURCES.expiration }),
    itemElement({ severity: 'error', source: SOURCES.metadata, element: 'body' }),
    itemElement({ severity: 'error', source: SOURCES.metadata, element: 'link' }),
    absoluteUrls({ severity: 'error', source: SOURCES.spec }),
    httpsUrls({ severity: 'error', source: SOURCES.spec }),
    // Items without an image are ingested but not auto-published.
    imagePresent({ severity: 'warning', source: SOURCES.metadata, enclosure: false }),
    imageMinSize({ severity: 'error', source: SOURCES.metadata, min: 720, side: 'longest' }),
    imageAspect({ severity: 'error', source: SOURCES.metadata, min: 0.5, max: 1.89 }),
    imageTypes({ severity: 'error', source: SOURCES.metadata, types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] }),
  ],
};
