import type { FeedFormat } from '../feed-format.js';
import { xmlTextOfParts } from '../xml-content.js';
import { ATOM_MEDIA_TYPE, renderAtom } from './atom-feed.js';
import { renderAtomEntryFrame } from './atom-entry.js';

/** Atom 1.0 (`atom.xml`). */
export const ATOM: FeedFormat<'atom'> = {
  id: 'atom',
  label: 'Atom',
  fileName: 'atom.xml',
  mediaType: ATOM_MEDIA_TYPE,
  renderFeed: renderAtom,
  renderItemFrame: renderAtomEntryFrame,
  encodeContent: xmlTextOfParts,
};
