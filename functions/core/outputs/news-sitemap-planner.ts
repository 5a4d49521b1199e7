import type { FeedItem } from '../feed-item.js';
import type { SiteConfig } from '../site.js';
import type { SiteFile } from '../site-file.js';
import { compareNewestFirst } from '../newest-first.js';
import { isInNewsSitemap, NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_PATH, renderNewsSitemap } from './news-sitemap.js';

/** A story as the news sitemap lists it, JSON-safe, with the story file (its source hash) it came from. */
export interface SitemapEntry {
  source: string;
  id: string;
  link: string;
  title: string;
  /** First publication (ISO 8601). */
  published: string;
  language?: string;
}

/** What the news sitemap keeps between runs: the stories of the last two days, newest first, at most 1,000. */
export interface NewsSitemapState {
  entries: SitemapEntry[];
}

/** One story file's change: its entry as published now, or none (it left the site or is not published). */
export interface NewsSitemapChange {
  source: string;
  entry?: SitemapEntry;
}

/** What a run of the planner gives: the files to write and delete, and the state to keep. */
export interface NewsSitemapPlan {
  writes: SiteFile[];
  deletes: string[];
  next: NewsSitemapState;
}

/** The planner of one run: it takes changes one at a time, then gives the plan. */
export interface NewsSitemapPlanner {
  /** Takes one story file's change. */
  change(change: NewsSitemapChange): void;
  /** The file to write (none when a previous state listed the same entries) and the next state. */
  plan(): NewsSitemapPlan;
}

/** The sitemap facts of a published story. Reads only fields a build's stand-in item answers from memory. */
export function newsSitemapEntry(item: FeedItem, source: string): SitemapEntry {
  const { story } = item;
  return { source, id: story.id, link: item.link, title: story.title, published: story.published.toISOString(), ...(story.language !== undefined && { language: story.language }) };
}

/**
 * True when a change can alter the sitemap: the story is in the sitemap now (within its age limit),
 * or its previous version (first published at `previousPublished`) was. Otherwise a publish need not read the stored state.
 */
export function touchesNewsSitemap(change: NewsSitemapChange, previousPublished: string | undefined, now: Date): boolean {
  return (change.entry !== undefined && isInNewsSitemap(change.entry.published, now)) || (previousPublished !== undefined && isInNewsSitemap(previousPublished, now));
}

/**
 * THE news sitemap planner, which the CLI build, the publish and the rebuild all run: from the
 * previous state (none: nothing written yet) and any number of story changes, at `now`, the file
 * to write and the next state. A change replaces what its source had (and any entry of the same
 * story id: another file of that uri took over); entries that aged out are dropped. Changes are
 * folded in batches of the sitemap's size, so a build of every story holds at most twice the
 * sitemap, and since the order is total, the result is the same for the same set in any order.
 */
export function newsSitemapPlanner(site: SiteConfig, now: Date, previous?: NewsSitemapState): NewsSitemapPlanner {
  let entries = previous?.entries ?? [];
  // What the folded entries hold, so a change that cannot touch them is dropped at once.
  let sources = new Set(entries.map((entry) => entry.source));
  let ids = new Set(entries.map((entry) => entry.id));
  // Changes since the last fold, by source: the story id it now has (if any) and its entry when listed.
  const pending = new Map<string, { id?: string; listed?: SitemapEntry }>();
  // Listed pending entries by story id, so a later file of the same story replaces an earlier one.
  const listedById = new Map<string, string>();

  const fold = () => {
    if (pending.size === 0 && entries.every((entry) => isInNewsSitemap(entry.published, now))) return;
    const replaced = new Set<string>();
    const added: SitemapEntry[] = [];
    for (const { id, listed } of pending.values()) {
      if (id !== undefined) replaced.add(id);
      if (listed) added.push(listed);
    }
    entries = entries
      .filter((entry) => !pending.has(entry.source) && !replaced.has(entry.id) && isInNewsSitemap(entry.published, now))
      .concat(added)
      .sort(compareNewestFirst)
      .slice(0, NEWS_SITEMAP_MAX_URLS);
    sources = new Set(entries.map((entry) => entry.source));
    ids = new Set(entries.map((entry) => entry.id));
    pending.clear();
    listedById.clear();
  };

  return {
    change({ source, entry }: NewsSitemapChange): void {
      // An entry past the age limit lists nothing, but still replaces what the source or its story had.
      const listed = entry && isInNewsSitemap(entry.published, now) ? entry : undefined;
      if (!listed && !pending.has(source) && !sources.has(source) && !(entry && (ids.has(entry.id) || listedById.has(entry.id)))) return;
      const before = pending.get(source)?.listed;
      if (before && listedById.get(before.id) === source) listedById.delete(before.id);
      if (entry) {
        const other = listedById.get(entry.id);
        if (other !== undefined && other !== source) pending.set(other, {});
        if (listed) listedById.set(entry.id, source);
        else listedById.delete(entry.id);
      }
      pending.set(source, entry ? { id: entry.id, ...(listed && { listed }) } : {});
      if (pending.size >= NEWS_SITEMAP_MAX_URLS) fold();
    },
    plan(): NewsSitemapPlan {
      fold();
      const same = previous !== undefined && (entries === previous.entries || JSON.stringify(entries) === JSON.stringify(previous.entries));
      const writes = same ? [] : [{ path: NEWS_SITEMAP_PATH, body: renderSitemapEntries(site, entries) }];
      return { writes, deletes: [], next: { entries } };
    },
  };
}

/** Runs the planner over `changes` from `previous` (see {@link newsSitemapPlanner}). */
export function planNewsSitemap(site: SiteConfig, now: Date, previous: NewsSitemapState | undefined, changes: Iterable<NewsSitemapChange>): NewsSitemapPlan {
  const planner = newsSitemapPlanner(site, now, previous);
  for (const change of changes) planner.change(change);
  return planner.plan();
}

function renderSitemapEntries(site: SiteConfig, entries: readonly SitemapEntry[]): string {
  return renderNewsSitemap(
    site,
    entries.map(({ link, title, published, language }) => ({ link, title, published: new Date(published), ...(language !== undefined && { language }) })),
  );
}
