import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Debian's xsltproc (libxslt, the XSLT engine Chromium also uses); `.ci/run` installs it. */
const XSLTPROC = '/usr/bin/xsltproc';

/** A summary with an ampersand, markup-like text, quotes and text that already looks escaped. */
export const TRICKY_SUMMARY = 'AT&T buys <b>Time Warner</b> for "$85bn" & more: 5 < 6 > 4, &amp; &lt;i&gt; stays as typed';
/** Thousands of characters to escape: one recursion per `&` would pass libxslt's 3,000-call limit. */
export const LONG_SUMMARY = `${'<&> '.repeat(5_000)}end`;

/** A ninjs story with the given summary. */
export function storyWithSummary(uri: string, headline: string, summary: string): string {
  return JSON.stringify({
    uri,
    type: 'text',
    version: '1',
    firstCreated: '2024-05-01T09:00:00Z',
    versionCreated: '2024-05-01T09:00:00Z',
    pubStatus: 'usable',
    headlines: [{ role: 'main', value: headline }],
    descriptions: [{ role: 'summary', value: summary }],
    bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Body.</p>' }],
  });
}

/** One story as the feed's browser view shows it. */
export interface ViewedItem {
  title: string;
  summary: string;
}

/**
 * Applies feed.xsl to an RSS or Atom file with xsltproc, as a browser opening the feed would, and
 * reads each listed story's title and summary back with parse5: the text a person sees.
 */
export function viewFeed(xslPath: string, feedPath: string): ViewedItem[] {
  if (!existsSync(XSLTPROC)) throw new Error(`${XSLTPROC} is missing: install the Debian package xsltproc (.ci/run does this)`);
  const result = spawnSync(XSLTPROC, ['--nonet', xslPath, feedPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`xsltproc exited ${result.status}: ${result.stderr.trim()}`);
  const items: ViewedItem[] = [];
  const visit = (node: Node): void => {
    if (isElement(node) && node.tagName === 'li') {
      const children = node.childNodes.filter(isElement);
      items.push({ title: textOf(children.find((child) => child.tagName === 'a')!), summary: textOf(children.find((child) => child.tagName === 'p')!) });
    }
    if ('childNodes' in node) node.childNodes.forEach(visit);
  };
  visit(parse(result.stdout));
  return items;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
