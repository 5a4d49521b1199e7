import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fsMediaCatalog } from '../../functions/adapters/fs-content.js';
import { buildFeedItem } from '../../functions/core/feed-item.js';
import { planMedia } from '../../functions/core/media/plan-media.js';
import { parseStory } from '../../functions/core/ninjs/parse-story.js';
import { renderPartnerItem } from '../../functions/core/partners/partner-item.js';
import { PARTNER_FEED_TAIL, renderPartnerChannel } from '../../functions/core/partners/render-partner-feed.js';
import { profileNames } from '../../functions/core/partners/profile-of.js';
import { readFeed } from '../../functions/core/partners/preflight/read-feed.js';
import type { SiteConfig } from '../../functions/core/site.js';

const SITE: SiteConfig = { title: 'wirefeed sample wire', description: 'Sample wire', baseUrl: 'https://wire.example.org', language: 'en', itemLimit: 50, hubs: [] };

/**
 * The build preflights what it is about to write from the model; `wirefeed check` preflights a
 * written file. Both must see the same facts, or a feed the build passed could fail the check.
 */
describe('build-time and check-time preflight read the same facts', () => {
  const catalog = fsMediaCatalog('content');
  const items = readdirSync('content/stories').sort().map((name) => {
    const story = parseStory(readFileSync(`content/stories/${name}`), { source: name, baseUrl: SITE.baseUrl });
    return buildFeedItem(story, planMedia(story, catalog, SITE.baseUrl), SITE.baseUrl);
  });

  it.each(profileNames())('%s: every item of a rendered partner feed reads back as the build saw it', (profile) => {
    const partner = { name: profile, profile, itemLimit: 50, content: 'full' as const, imageMinWidth: 500, logo: 'https://wire.example.org/logo.png' };
    const rendered = items.map((item, index) => renderPartnerItem(item, partner, SITE, index === 0 ? item.story.updated : undefined));
    const channel = renderPartnerChannel(partner, SITE, rendered);
    const xml = channel.head + rendered.map((item) => item.xml).join('') + PARTNER_FEED_TAIL;
    const read = readFeed(xml);
    expect({ ...read, items: [], bytes: 0 }).toEqual({ ...channel.checked, items: [], bytes: 0 });
    expect(read.items).toHaveLength(rendered.length);
    read.items.forEach((item, index) => {
      const expected = rendered[index]!.checked;
      // Item bytes are measured on the markup in both paths.
      expect(item).toEqual(expected);
    });
  });
});
