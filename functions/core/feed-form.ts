import type { FeedItem } from './feed-item.js';
import { plainTextToHtml } from './html/plain-text.js';
import { escapeXmlAttr, escapeXmlText } from './xml/escape.js';
import { truncateText } from './text/truncate.js';

/**
 * UTF-8 bytes one item may take in any feed format. A feed must stay under 2 MB (Google News)
 * whatever one item holds, and a story's item is repeated in the main feed, up to 50 section
 * feeds and every partner feed (and, in the Lambda, in the state of each): at 128 KiB a story
 * with every subject the limits allow writes under 50 MB. It keeps the full text of any ordinary
 * story: a 10,000-word body is about 70 KB of HTML.
 */
export const ITEM_BYTE_BUDGET = 128 * 1024;

/** Characters of summary a brief item keeps: the length of the summary made from a body. */
const BRIEF_SUMMARY_LENGTH = 300;

/**
 * The forms a feed may carry an item in, fullest first: the whole item; without its body (a
 * paragraph of summary and a link to its page stand in for it, since JSON Feed needs content and
 * most readers show only that); then a brief, which also leaves out photos and cuts the summary
 * short. The story's page always shows everything. A brief is bounded by the story limits
 * (`ninjs/limits.ts`): headline, byline, rights and subjects are all it still holds of any length.
 */
export function* feedForms(item: FeedItem): Generator<FeedItem> {
  yield item;
  yield { ...item, contentHtml: standIn(item.summaryText, item) };
  const summaryText = truncateText(item.summaryText, BRIEF_SUMMARY_LENGTH);
  yield { ...item, summaryText, contentHtml: standIn(summaryText, item), photos: [] };
}

/**
 * False when the item cannot fit `budget` in RSS, which carries its summary, its content, each
 * photo's label and each category's name, every one at least as long escaped as it is: a form of
 * a 2 MB story is ruled out unrendered.
 */
export function mayFit(item: FeedItem, budget: number): boolean {
  let least = item.summaryText.length + item.contentHtml.length;
  for (const photo of item.photos) least += photo.label.length;
  for (const category of item.story.categories) least += category.name.length;
  return least <= budget;
}

/** Content in place of a body: the summary as a paragraph, then the headline linking to the page. */
function standIn(summary: string, item: FeedItem): string {
  const paragraph = plainTextToHtml(summary);
  const link = `<p><a href="${escapeXmlAttr(item.link)}">${escapeXmlText(item.story.title)}</a></p>`;
  return paragraph ? `${paragraph}\n${link}` : link;
}
