import type { SiteConfig } from '../site.js';
import { storyPath } from '../story-path.js';
import { renderStoryPage } from '../pages/story-page.js';
import { pagesReached, sectionFolder, withSections } from './site-pages.js';
import type { ItemSink } from './item-sink.js';
import { createFeedSetSink, type FeedSetSink, type SavedFeedSet } from './feed-set/feed-set-sink.js';
import type { RenderedItem } from '../rendered-item.js';
import { feedSetMeta } from '../feed-set-meta.js';

/** The site's outputs between entries: the feed sets' states, naming their items in `items`. */
interface SavedSite {
  main: SavedFeedSet;
  sections: Array<[slug: string, name: string, state: SavedFeedSet]>;
  extras: unknown[];
  items: RenderedItem[];
}

/**
 * Every output of a site: the main feed set and one per section (each with archives), a page per
 * story, the index page and OPML file listing all feed sets, the feed XSL view, the stylesheet, and any extra outputs (partner
 * feeds, sitemaps…) given by the caller.
 */
export function createSiteSink(site: SiteConfig, extras: ItemSink[] = [], names: ReadonlyMap<string, string> = new Map()): ItemSink {
  const main = createFeedSetSink({ site, folder: '', ...feedSetMeta(site, undefined), archives: true });
  const sections = new Map<string, { name: string; sink: FeedSetSink }>();
  // A section is named by its newest story (`names`, known before the first entry), whatever story opens it.
  const sectionSink = (slug: string, name: string) =>
    createFeedSetSink({ site, folder: sectionFolder(slug), ...feedSetMeta(site, names.get(slug) ?? name), archives: true });

  return {
    add(entry, emit) {
      main.add(entry, emit);
      for (const { slug, name } of entry.rendered.sections) {
        const section = sections.get(slug) ?? { name: names.get(slug) ?? name, sink: sectionSink(slug, name) };
        sections.set(slug, section);
        section.sink.add(entry, emit);
      }
      emit(entry.page ?? { path: storyPath(entry.item.story), body: renderStoryPage(entry.item, site) });
      for (const extra of extras) extra.add(entry, emit);
    },
    finish(emit) {
      const slugs = [...sections.keys()].sort();
      // Every section's name is known once the last entry is in, so each feed set's pages are
      // rendered by core's one rule (`pagesReached`) with the names at hand.
      const names = Object.fromEntries(slugs.map((slug) => [slug, sections.get(slug)!.name]));
      const pages = (folder: string, sink: FeedSetSink) => withSections(pagesReached(site, folder, sink.feed()!), names);
      main.finish(emit);
      for (const slug of slugs) {
        const section = sections.get(slug)!.sink;
        section.finish(emit);
        for (const page of pages(sectionFolder(slug), section)) emit(page);
      }
      for (const extra of extras) extra.finish(emit);
      for (const page of pages('', main)) emit(page);
    },
    save() {
      const others = extras.map((extra) => extra.save?.());
      if (others.some((saved) => saved === undefined)) return undefined;
      // A story is in the main feed and its sections: its item is stored once for all of them.
      const table = new Map<RenderedItem, number>();
      const ref = (item: RenderedItem) => {
        let at = table.get(item);
        if (at === undefined) table.set(item, (at = table.size));
        return at;
      };
      const saved = { main: main.snapshot(ref), sections: [...sections].map(([slug, { name, sink }]): SavedSite['sections'][number] => [slug, name, sink.snapshot(ref)]) };
      return { ...saved, extras: others, items: [...table.keys()] } satisfies SavedSite;
    },
    resume(saved) {
      const state = saved as SavedSite;
      if (state.extras.length !== extras.length) return undefined;
      // Pages written before the saved state carry the names it was saved with.
      if (state.sections.some(([slug, name]) => names.has(slug) && names.get(slug) !== name)) return undefined;
      const others = extras.map((extra, index) => extra.resume?.(state.extras[index]));
      if (others.some((step) => step === undefined)) return undefined;
      return () => {
        for (const step of others) step!();
        main.restore(state.main, state.items);
        sections.clear();
        for (const [slug, name, section] of state.sections) {
          const sink = sectionSink(slug, name);
          sink.restore(section, state.items);
          sections.set(slug, { name, sink });
        }
      };
    },
  };
}
