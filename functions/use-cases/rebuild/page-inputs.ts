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
 * The body of a page's `archiveInputs`: its inputs' digest and the ETag of the state written from
 * them. Its own ETag (MD5) thus tells, from a listing alone, whether the page's state is still the
 * one rendered from these inputs: a publish that rewrote the page, or a page deleted, fails it.
 */
export function inputsRecord(digest: string, stateEtag: string): string {
  return `${digest} ${stateEtag}\n`;
}

/** Whether the page as listed is the one its inputs (`digest`) render: then it need not be rendered again. */
export function renderedFrom(listed: ListedPage | undefined, digest: string): boolean {
  return listed !== undefined && md5Hex(inputsRecord(digest, listed.state)) === listed.inputs;
}
