import type { FeedFormat } from '../feed-format.js';
import { xmlTextOfParts } from '../xml-content.js';
import { renderRss, RSS_MEDIA_TYPE } from './rss-channel.js';
import { renderRssItemFrame } from './rss-item.js';

/** RSS 2.0 with Media RSS (`rss.xml`). */
export const RSS: FeedFormat<'rss'> = {
  id: 'rss',
  label: 'RSS',
  fileName: 'rss.xml',
  mediaType: RSS_MEDIA_TYPE,
  renderFeed: renderRss,
  renderItemFrame: (item) => renderRssItemFrame(item),
  encodeContent: xmlTextOfParts,
};
