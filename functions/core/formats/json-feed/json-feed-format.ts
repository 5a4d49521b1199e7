import type { FeedFormat } from '../feed-format.js';
import { jsonStringOfParts } from '../json-string.js';
import { renderJsonFeed, renderJsonFeedItemFrame } from './json-feed.js';

/** JSON Feed 1.1 (`feed.json`). */
export const JSON_FEED: FeedFormat<'json'> = {
  id: 'json',
  label: 'JSON Feed',
  fileName: 'feed.json',
  mediaType: 'application/feed+json',
  renderFeed: renderJsonFeed,
  renderItemFrame: renderJsonFeedItemFrame,
  encodeContent: jsonStringOfParts,
};
