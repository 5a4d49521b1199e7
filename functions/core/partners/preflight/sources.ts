/** The partner pages each rule cites (docs/partners.md summarises what each says). */
export const SOURCES = {
  googleFeed: 'https://support.google.com/news/publisher-center/answer/9545420',
  googleSitemap: 'https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap',
  msnMetadata: 'https://support.microsoft.com/topic/0114c19c-36bb-4fef-8322-4a1ed6888329',
  msnExpiration: 'https://support.microsoft.com/topic/c06e8a18-8365-43dc-a5b3-364f1a470edf',
  msnSpec: 'https://helpcenter.microsoftstart.com/kb/feed-specifications',
  flipboardResubmit: 'https://flipboard.helpshift.com/hc/en/1-flipboard/faq/1023-resubmit-an-rss-feed/',
  flipboardGuidelines: 'https://about.flipboard.com/rss-guidelines/',
  flipboardSpec: 'https://about.flipboard.com/rss-spec/',
  smartnews: 'https://publishers.smartnews.com/hc/en-us/articles/360036526213',
  mediaRss: 'https://www.rssboard.org/media-rss',
  rssProfile: 'https://www.rssboard.org/rss-profile',
} as const;
