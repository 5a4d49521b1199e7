import { emptyWindow, type FeedWindow, type WindowEntry } from '../../core/incremental/feed-window.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { keptWindowRules, planWindow, planWithoutReads } from '../../core/outputs/feed-set/window-plan.js';
import type { StoryProblem } from '../../core/story-error.js';
import type { StoredSyndication } from './syndication-rebuild.js';

/**
 * What a render child of the rebuild state machine stores for the heads (docs/decisions/005, step
 * 6), bounded whatever its partition's size but for its embargoes and refusals: the finish merges
 * these instead of reading each story.
 */
export interface PartitionHeads {
  /** Stories it placed in the feeds (a version the order step kept counts). */
  published: number;
  /** Its stories under embargo: [listing index, content key, release time]. */
  held: Array<[number, string, string]>;
  /** In story order: a file it refused, with its listing index, or the line of a version the order step kept. */
  reports: Array<{ refused: { index: number; file: string; problems: StoryProblem[] } } | { kept: string }>;
  /** Its partner shortlists and sitemap entries (each planner's newest candidates only). */
  syndication: StoredSyndication;
  stateWritten: number;
  filesChanged: number;
}

/**
 * The partitions' heads summaries merged, in partition order: counts summed, the held list and the
 * refusals in the order of the listing (as the one-invocation rebuild reports them), the kept lines
 * in story order. `keptLine` names a refused file's last good version (none: nothing kept), which
 * only the cut looked up.
 */
export class HeadsMerge {
  published = 0;
  stateWritten = 0;
  filesChanged = 0;
  readonly keptLines: string[] = [];
  private readonly heldStories: PartitionHeads['held'] = [];
  private readonly refusedFiles: Array<{ index: number; file: string; problems: StoryProblem[] }> = [];

  constructor(private readonly keptLine: (file: string, problems: StoryProblem[]) => string | undefined) {}

  add(part: PartitionHeads): void {
    this.published += part.published;
    this.stateWritten += part.stateWritten;
    this.filesChanged += part.filesChanged;
    this.heldStories.push(...part.held);
    for (const report of part.reports) {
      if ('kept' in report) {
        this.keptLines.push(report.kept);
        continue;
      }
      this.refusedFiles.push(report.refused);
      const line = this.keptLine(report.refused.file, report.refused.problems);
      if (line !== undefined) this.keptLines.push(line);
    }
  }

  /** The stories under embargo in the order of the listing: [content key, release time]. */
  held(): Array<[string, string]> {
    return [...this.heldStories].sort((a, b) => a[0] - b[0]).map(([, key, releaseAt]) => [key, releaseAt]);
  }

  /** The refused files in the order of the listing. */
  refused(): Array<{ file: string; problems: StoryProblem[] }> {
    return [...this.refusedFiles].sort((a, b) => a.index - b.index).map(({ file, problems }) => ({ file, problems }));
  }
}

/**
 * One feed as the cut step left it (cut-archive.ts): its closed page count, its newest items
 * (newest first, at most the window's capacity, as [hash, MD5]), whether it has older ones, and how
 * many of those newest fill the open page and the last closed one.
 */
export interface CutHead {
  closed: number;
  newest: Array<[string, string]>;
  truncated: boolean;
  open: number;
  last: number;
}

/**
 * A feed's window as the rebuild stores it, from the cut's head and the entries of its newest items
 * (same order): what `planWindow` keeps of the whole feed appended oldest first — its newest
 * `capacity` entries, truncated past them — and the archive head (`closed`, the open page's
 * entries, the last closed page's), every one of which is among those newest.
 */
export function windowOfCut(itemLimit: number, folder: FeedFolder, head: CutHead, newest: readonly WindowEntry[]): FeedWindow {
  if (newest.length !== head.newest.length || head.open + head.last > newest.length) throw new Error(`rebuild of feed '${folder}': the cut kept ${head.newest.length} newest items (${head.open} open, ${head.last} on the last page), ${newest.length} given`);
  const { window } = planWithoutReads(planWindow(keptWindowRules(itemLimit), emptyWindow(folder), newest.map((entry) => ({ kind: 'upsert' as const, entry }))));
  const archive = { closed: head.closed, open: newest.slice(0, head.open), last: newest.slice(head.open, head.open + head.last) };
  return { ...window, truncated: window.truncated || head.truncated, archive };
}

/**
 * The cut's view of one feed's head as it goes (cut-archive.ts): its newest items, at most the
 * window's capacity, while the cutter numbers the pages. `head` takes the cutter's open page and
 * the closed page still waiting for its `next-archive` link (the newest closed page once all are in).
 */
export class NewestItems<T> {
  private readonly items: T[] = [];
  private more = false;

  constructor(private readonly capacity: number) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) {
      this.items.shift();
      this.more = true;
    }
  }

  head(closed: number, open: number, last: number, ref: (item: T) => [string, string]): CutHead {
    return { closed, newest: this.items.map(ref).reverse(), truncated: this.more, open, last };
  }
}

/** How many of a feed's newest items the cut keeps for its window (its capacity: `keptWindowRules`). */
export const newestKept = (itemLimit: number): number => keptWindowRules(itemLimit).capacity;
