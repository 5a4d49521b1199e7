import type { XmlNamespace } from '../xml-namespace.js';
import { ATOM_LINK } from './namespaces/atom-link.js';
import { CONTENT } from './namespaces/content.js';
import { DC } from './namespaces/dc.js';
import { DCTERMS } from './namespaces/dcterms.js';
import { MEDIA } from './namespaces/media-rss.js';

/** The namespaces every RSS item and channel of ours uses, in the order the root declares them; partner feeds add their own. */
export const RSS_NAMESPACES: readonly XmlNamespace[] = [ATOM_LINK, CONTENT, DC, DCTERMS, MEDIA];
