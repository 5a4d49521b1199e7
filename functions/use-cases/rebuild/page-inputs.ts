import { createHash } from 'node:crypto';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { md5Hex } from '../../core/incremental/layout.js';
import type { SiteConfig } from '../../core/site.js';

/** An archive page's files are a function of these, and of nothing else. */
export interface PageInputs {
  /** The code that renders (`codeIdentity`): a deploy that changes rendering changes it. */
  code: string;
  config: SiteConfig;
  folder: FeedFolder;
  meta: { title: string; description: string };
  n: number;
  /** Its `next-archive` link (its `prev-archive` link is `n`'s). */
  hasNewer: boolean;
  /** Its items newest first as [story hash, item MD5]: an item's MD5 is its content's. */
  items: Array<[string, string]>;
}

/** What the last rebuild recorded of a page, as the cut listed it: the ETags of its state and of its `archiveInputs`. */
export interface ListedPage {
  state: string;
  inputs: string;
}

/** A digest of a page's inputs. */
export function pageInputsDigest({ code, config, folder, meta, n, hasNewer, items }: PageInputs): string {
  return createHash('sha256').update(JSON.stringify([code, config, folder, meta.title, meta.description, n, hasNewer, items])).digest('base64url');
}

/**
 * The body of a page's `archiveInputs`: its inputs' digest, the ETag of the state written from them
 * and the MD5 of each public file written, by path. Its own ETag (MD5) thus tells, from a listing
 * alone, whether the page's state is still the one rendered from these inputs (a publish that
 * rewrote the page, or a page deleted, fails it); the files it names tell whether the public copies
 * are still those written (a file deleted or edited by hand fails it, and a rerun repairs it).
 */
export function inputsRecord(digest: string, stateEtag: string, files: Record<string, string>): string {
  const lines = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, md5]) => `${path} ${md5}\n`);
  return `${digest} ${stateEtag}\n${lines.join('')}`;
}

/**
 * The public files of a page whose state, as listed, is the one its inputs (`digest`) rendered, as
 * its record (`body`, read back) names them with their MD5s; undefined when the page must be
 * rendered again. It need not be once each of those files still has that MD5.
 */
export function recordedFiles(listed: ListedPage | undefined, digest: string, body: string | undefined): Array<[string, string]> | undefined {
  if (listed === undefined || body === undefined || md5Hex(body) !== listed.inputs) return undefined;
  const [head, ...lines] = body.trimEnd().split('\n');
  if (head !== `${digest} ${listed.state}`) return undefined;
  return lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)]);
}
