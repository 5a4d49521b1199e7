import { escapeFileName } from '../core/text/escape-file-name.js';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../adapters/regular-file.js';
import { CHECK_MAX_BYTES, FeedLimitError, tooLargeMessage } from '../core/partners/preflight/feed-limits.js';
import { CheckUsageError, runCheck, type CheckResult } from '../use-cases/check/check-feed.js';
import type { Reporter } from '../use-cases/reporter.js';

/** `wirefeed check --profile NAME FILE`: lints a feed file read from disk. */
export function checkFile(options: { profile: string; file: string; now: Date }, reporter: Reporter): CheckResult {
  return runCheck(options, readBounded, reporter);
}

/**
 * The file's text, read only if it is a regular file and at most {@link CHECK_MAX_BYTES}: a FIFO or
 * a link to /dev/zero would otherwise be read without end.
 */
function readBounded(file: string): string {
  try {
    return Buffer.from(readRegularFile(file, CHECK_MAX_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new FeedLimitError(tooLargeMessage(error.size));
    if (error instanceof NotRegularFileError) throw new CheckUsageError(`cannot read ${escapeFileName(file)}: not a regular file`);
    throw new CheckUsageError(`cannot read ${escapeFileName(file)}: ${(error as Error).message}`);
  }
}
