import { readFileSync } from 'node:fs';
import type { Story } from '../../functions/core/story.js';
import { archiveFilesOf, type FeedFile } from './build-sites.js';
import { expectItem, latestVersions, type ExpectedItem } from './expected-feed.js';
import { walkXml, type XmlElement } from './xml-walk.js';

const DCTERMS = 'http://purl.org/dc/terms/';

/** One RSS item's identity as written: guid, pubDate, dcterms:modified and dcterms:valid texts. */
interface ItemIdentity {
  guid: string;
  pubDate: string | undefined;
  modified: string | undefined;
  valid: string | undefined;
}

/** The identity elements of every item of an RSS file, in order, read with saxes. */
function identitiesOf(path: string): ItemIdentity[] {
  const elements = walkXml(readFileSync(path, 'utf8'));
  const items: ItemIdentity[] = [];
  let current: ItemIdentity | undefined;
  const childOfItem = (e: XmlElement) => e.path[e.path.length - 1] === '{}item';
  for (const element of elements) {
    if (element.uri === '' && element.local === 'item') items.push((current = { guid: '', pubDate: undefined, modified: undefined, valid: undefined }));
    if (!current || !childOfItem(element)) continue;
    if (element.uri === '' && element.local === 'guid') current.guid = element.text.trim();
    if (element.uri === '' && element.local === 'pubDate') current.pubDate = element.text.trim();
    if (element.uri === DCTERMS && element.local === 'modified') current.modified = element.text.trim();
    if (element.uri === DCTERMS && element.local === 'valid') current.valid = element.text.trim();
  }
  return items;
}

/**
 * Items a partner feed must show every reader: the stories its guids name, in the file's order, with
 * every compared value taken from the source story (which stories a partner gets is its preflight's
 * call, checked in test/partners; what each item says is checked here). A guid no story has yields
 * no item, so the count comparison fails.
 */
export function expectedPartnerItems(feed: FeedFile, stories: Story[]): ExpectedItem[] {
  const latest = latestVersions(stories);
  return identitiesOf(feed.path).flatMap(({ guid }) => {
    const story = latest.get(guid);
    if (!story) return [];
    const item = expectItem(story, feed.site);
    return [story.status === 'usable' ? item : killNotice(item)];
  });
}

/**
 * What a kill notice (a story withdrawn in its latest version) must show: the story's guid, link and
 * dates under a neutral title, and nothing of what was withdrawn — no byline, categories or photos
 * (issue 20 point 10).
 */
function killNotice(item: ExpectedItem): ExpectedItem {
  return { ...item, title: 'This story has been withdrawn', authors: [], categories: { rss: [], json: [], atom: [] }, photos: [] };
}

/**
 * Identity across feeds (readers.md §1: dedupe is by guid, so a story keeps one guid everywhere): a
 * partner item's guid, pubDate and dcterms:modified are the very strings of the main feed set
 * (subscription or archive) for the same story. A kill (dcterms:valid) is a story withdrawn in its
 * latest version, in MSN feeds only, with the story's guid and first publication, a modified time at
 * the take-down and `end=` the take-down, in the past.
 */
export function checkPartnerIdentity(feed: FeedFile, stories: Story[]): string[] {
  const problems: string[] = [];
  const main = new Map<string, ItemIdentity>();
  const mainFiles = [`${feed.site.outDir}/rss.xml`, ...archiveFilesOf(feed.site).filter((f) => f.format === 'rss' && !f.folder.startsWith('sections/')).map((f) => f.path)];
  for (const path of mainFiles) for (const item of identitiesOf(path)) main.set(item.guid, item);
  const latest = latestVersions(stories);
  const name = feed.folder.slice('partners/'.length);
  const profile = feed.site.site.partners?.find((partner) => partner.name === name)?.profile;
  const seconds = (value: string | undefined) => (value === undefined ? NaN : Math.floor(Date.parse(value) / 1000));

  for (const item of identitiesOf(feed.path)) {
    const at = `item ${item.guid}`;
    if (item.valid === undefined) {
      const inMain = main.get(item.guid);
      if (!inMain) {
        problems.push(`identity: ${at}: not in the main feed or its archives`);
        continue;
      }
      if (item.pubDate !== inMain.pubDate) problems.push(`identity: ${at}: pubDate ${JSON.stringify(item.pubDate)}, main feed ${JSON.stringify(inMain.pubDate)}`);
      if (item.modified !== inMain.modified) problems.push(`identity: ${at}: dcterms:modified ${JSON.stringify(item.modified)}, main feed ${JSON.stringify(inMain.modified)}`);
      continue;
    }
    const story = latest.get(item.guid);
    if (profile !== 'msn') problems.push(`kill: ${at}: a kill notice in a ${profile} feed; only MSN reads dcterms:valid`);
    if (main.has(item.guid)) problems.push(`kill: ${at}: killed, yet still in the main feed`);
    if (!story || (story.status !== 'canceled' && story.status !== 'withheld')) {
      problems.push(`kill: ${at}: no withdrawn source story has this guid`);
      continue;
    }
    const takedown = Math.floor(story.updated.getTime() / 1000);
    if (seconds(item.pubDate) !== Math.floor(story.published.getTime() / 1000)) problems.push(`kill: ${at}: pubDate ${item.pubDate} is not the first publication`);
    if (seconds(item.modified) !== takedown) problems.push(`kill: ${at}: dcterms:modified ${item.modified} is not the take-down time`);
    const end = /^end=([^;]+);$/.exec(item.valid)?.[1];
    if (seconds(end) !== takedown || takedown > feed.site.now.getTime() / 1000) problems.push(`kill: ${at}: dcterms:valid ${JSON.stringify(item.valid)} is not end=<take-down time>; in the past`);
  }
  return problems;
}
