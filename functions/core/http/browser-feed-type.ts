/** The Content-Type a browser gets for a feed: generic XML, which browsers render and style with XSL. */
export const BROWSER_FEED_TYPE = 'application/xml; charset=utf-8';

/**
 * Browsers show `application/rss+xml` and `application/atom+xml` as plain text (Chromium) or
 * offer a download, so the XSL view never runs. A request whose Accept header asks for HTML is a
 * browser, not a feed reader: it gets the same bytes as generic XML. Readers keep the feed types.
 * Responses must carry `Vary: Accept`. The deployed CloudFront viewer-response function
 * (`functions/edge/feed-view.js`) makes the same decision; a test keeps the two in step.
 */
export function browserFeedType(contentType: string, accept: string | undefined): string | undefined {
  if (!/^application\/(?:rss|atom)\+xml\b/i.test(contentType)) return undefined;
  return accept !== undefined && /\btext\/html\b/i.test(accept) ? BROWSER_FEED_TYPE : undefined;
}
