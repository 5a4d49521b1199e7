// The four renderers compared by the render-throughput benchmark. Each takes the same parsed stories
// (wirefeed `Story` objects, newest first) and returns the RSS, Atom and JSON Feed documents of one
// feed holding all of them. Runs under tsx, which loads wirefeed's TypeScript.
import { newFeedPackageFeed } from './feed-package-channel.mjs';
import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith';
import { planMedia } from '../functions/core/media/plan-media.js';
import { buildFeedItem } from '../functions/core/feed-item.js';
import { renderItem } from '../functions/core/rendered-item.js';
import { assembleFeed, renderFeedIn } from '../functions/core/feed.js';
import { FORMATS } from '../functions/core/formats/registry.js';

/** wirefeed: plan media, build the item, render each story's fragments once, assemble three feeds. */
export function renderWirefeed(stories, site, catalog) {
  return assembleFromFragments(renderWirefeedItems(stories, site, catalog), site);
}

/** wirefeed's per-story step: every format's fragment of every story. */
export function renderWirefeedItems(stories, site, catalog) {
  return stories.map((story) => renderItem(buildFeedItem(story, planMedia(story, catalog, site.baseUrl), site.baseUrl)));
}

/** wirefeed's per-feed step: three documents by concatenating the fragments. */
export function assembleFromFragments(items, site) {
  const feed = assembleFeed({ ...site, itemLimit: items.length }, '', site, items);
  return Object.fromEntries(FORMATS.map((format) => [format.id, renderFeedIn(format, feed)]));
}

const photoUrl = (site, rendition) => `${site.baseUrl}/${rendition.href}`;
const linkOf = (site, story) => `${site.baseUrl}/stories/${encodeURIComponent(story.id)}.html`;

/** The `feed` package used straightforwardly: one item per story, the lead photo as image and enclosure (all it can carry). */
export function renderFeedPackage(stories, site) {
  const feed = newFeedPackageFeed(site, stories[0]?.updated ?? new Date(0));
  for (const story of stories) {
    const lead = story.photos[0]?.renditions[0];
    feed.addItem({
      title: story.title,
      id: story.id,
      link: linkOf(site, story),
      description: story.summary,
      content: story.bodyHtml,
      author: story.authors.map((name) => ({ name })),
      date: story.updated,
      published: story.published,
      category: story.categories.map((c) => ({ name: c.name, domain: c.scheme })),
      ...(lead && { image: { url: photoUrl(site, lead), type: lead.mimeType, length: lead.bytes ?? 0 } }),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: feed.json1() };
}

/** feedsmith's generators: every photo as Media RSS content with its thumbnail, as wirefeed emits. */
export function renderFeedsmith(stories, site) {
  const link = `${site.baseUrl}/`;
  const rss = generateRssFeed({
    title: site.title,
    link,
    description: site.description,
    language: site.language,
    items: stories.map((story) => {
      const lead = story.photos[0]?.renditions[0];
      return {
        title: story.title,
        link: linkOf(site, story),
        description: story.summary,
        guid: { value: story.id, isPermaLink: false },
        pubDate: story.published,
        categories: story.categories.map((c) => ({ name: c.name, domain: c.scheme })),
        ...(lead && { enclosures: [{ url: photoUrl(site, lead), length: lead.bytes ?? 0, type: lead.mimeType }] }),
        content: { encoded: story.bodyHtml },
        dc: { creators: story.authors },
        media: { contents: story.photos.map((photo) => mediaContent(site, photo)) },
      };
    }),
  });
  const atom = generateAtomFeed({
    id: link,
    title: site.title,
    updated: stories[0]?.updated ?? new Date(0),
    links: [{ href: link }, { href: `${site.baseUrl}/atom.xml`, rel: 'self' }],
    entries: stories.map((story) => ({
      id: story.id,
      title: story.title,
      updated: story.updated,
      published: story.published,
      links: [{ href: linkOf(site, story) }],
      summary: story.summary,
      content: story.bodyHtml,
      authors: story.authors.map((name) => ({ name })),
      categories: story.categories.map((c) => ({ term: c.slug, label: c.name, scheme: c.scheme })),
      media: { contents: story.photos.map((photo) => mediaContent(site, photo)) },
    })),
  });
  // feedsmith returns the JSON Feed as an object; serialising it is part of the job.
  const json = JSON.stringify(generateJsonFeed({
    title: site.title,
    home_page_url: link,
    feed_url: `${site.baseUrl}/feed.json`,
    items: stories.map((story) => ({
      id: story.id,
      url: linkOf(site, story),
      title: story.title,
      summary: story.summary,
      content_html: story.bodyHtml,
      date_published: story.published,
      date_modified: story.updated,
      authors: story.authors.map((name) => ({ name })),
      tags: story.categories.map((c) => c.name),
      attachments: story.photos.map((photo) => ({ url: photoUrl(site, photo.renditions[0]), mime_type: photo.renditions[0].mimeType })),
    })),
  }));
  return { rss, atom, json };
}

function mediaContent(site, photo) {
  const [main, thumb] = photo.renditions;
  return {
    url: photoUrl(site, main),
    type: main.mimeType,
    medium: 'image',
    width: main.width,
    height: main.height,
    ...(photo.caption && { description: { value: photo.caption, type: 'plain' } }),
    ...(photo.credit && { credits: [{ value: photo.credit }] }),
    ...(thumb && { thumbnails: [{ url: photoUrl(site, thumb), width: thumb.width, height: thumb.height }] }),
  };
}

const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const x = (text) => String(text ?? '').replace(XML_SPECIAL, (c) => XML_ENTITY[c]);

/** The "limit": plain string concatenation with the minimum escaping (one regex, no control-character or validity work). */
export function renderConcat(stories, site) {
  const rssItems = [];
  const atomEntries = [];
  const jsonItems = [];
  for (const story of stories) {
    const link = linkOf(site, story);
    const media = story.photos
      .map((p) => `<media:content url="${x(photoUrl(site, p.renditions[0]))}" type="${p.renditions[0].mimeType}" medium="image"><media:description>${x(p.caption)}</media:description><media:credit>${x(p.credit)}</media:credit></media:content>`)
      .join('');
    const categories = story.categories.map((c) => `<category>${x(c.name)}</category>`).join('');
    rssItems.push(
      `<item><title>${x(story.title)}</title><link>${x(link)}</link><guid isPermaLink="false">${x(story.id)}</guid><pubDate>${story.published.toUTCString()}</pubDate><description>${x(story.summary)}</description><content:encoded>${x(story.bodyHtml)}</content:encoded>${categories}${media}</item>`,
    );
    atomEntries.push(
      `<entry><id>${x(story.id)}</id><title>${x(story.title)}</title><link href="${x(link)}"/><published>${story.published.toISOString()}</published><updated>${story.updated.toISOString()}</updated><summary>${x(story.summary)}</summary><content type="html">${x(story.bodyHtml)}</content>${media}</entry>`,
    );
    jsonItems.push(
      JSON.stringify({ id: story.id, url: link, title: story.title, summary: story.summary, content_html: story.bodyHtml, date_published: story.published.toISOString(), date_modified: story.updated.toISOString(), attachments: story.photos.map((p) => ({ url: photoUrl(site, p.renditions[0]), mime_type: p.renditions[0].mimeType })) }),
    );
  }
  const ns = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"';
  return {
    rss: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${ns}><channel><title>${x(site.title)}</title><link>${site.baseUrl}/</link><description>${x(site.description)}</description>${rssItems.join('')}</channel></rss>`,
    atom: `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" ${ns}><id>${site.baseUrl}/</id><title>${x(site.title)}</title>${atomEntries.join('')}</feed>`,
    json: `{"version":"https://jsonfeed.org/version/1.1","title":${JSON.stringify(site.title)},"items":[${jsonItems.join(',')}]}`,
  };
}
