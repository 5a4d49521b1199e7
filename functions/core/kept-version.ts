import { StoryError, type StoryProblem } from './story-error.js';

/**
 * The one line a build (stderr) or a publish (log) gives when a story file's new version is rejected
 * and its last good version stays published: a typo in a correction must never withdraw a live
 * story, and an editor must see that readers still get the old text. The rejection's own lines,
 * one per problem, are reported beside it.
 */
export function keptVersionLine(file: string, version: string, problems: readonly StoryProblem[]): string {
  const [first] = problems;
  const reason = first ? `${first.pointer || '/'}: ${first.message}` : 'no reason given';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more ${problems.length === 2 ? 'problem' : 'problems'})` : '';
  return `kept ${file} at version ${version}: the new version is rejected: ${reason}${more}`;
}

/** A rejected version of a story file whose last good version (`keptVersion`) stays published. */
export class KeptVersionError extends StoryError {
  constructor(
    rejection: StoryError,
    readonly keptVersion: string,
  ) {
    super(rejection.file, rejection.problems, { cause: rejection });
  }

  /** See {@link keptVersionLine}. */
  keptLine(): string {
    return keptVersionLine(this.file, this.keptVersion, this.problems);
  }
}
