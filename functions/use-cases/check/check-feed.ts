import { escapeFileName } from '../../core/text/escape-file-name.js';
import { findProfile, profileNames } from '../../core/partners/profile-of.js';
import { CHECK_LIMITS_SOURCE, FeedLimitError } from '../../core/partners/preflight/feed-limits.js';
import { readFeed } from '../../core/partners/preflight/read-feed.js';
import { hasErrors, runPreflight } from '../../core/partners/preflight/run-preflight.js';
import type { Violation } from '../../core/partners/preflight/rule.js';
import { countOf } from '../../core/text/count-noun.js';
import type { Reporter } from '../reporter.js';

/** What `wirefeed check` found in one file. */
export interface CheckResult {
  violations: Violation[];
  items: number;
  errors: number;
}

/**
 * Reads a feed file's text, bounded: throws FeedLimitError when it is too large to check, and
 * CheckUsageError when it cannot be read.
 */
export type FeedFileReader = (file: string) => string;

/** A usage problem of `wirefeed check` (unknown profile, unreadable file). */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

/**
 * Lints a built RSS or Atom file against one partner profile's published rules, the same rules a
 * build applies to partner feeds. Prints one line per violation —
 * `<file>: <severity> <rule id>: <item id>: <message> (<source URL>)` — and a summary.
 * A file that is not well-formed XML is one error (`well-formed`); one past the size or nesting
 * limit is one error (`feed-limits`) and is not checked further.
 */
export function runCheck(options: { profile: string; file: string; now: Date }, readFeedFile: FeedFileReader, reporter: Reporter): CheckResult {
  const profile = findProfile(options.profile);
  if (!profile) throw new CheckUsageError(`--profile must be one of ${profileNames().join(', ')}`);
  // The file name comes from the command line, but may name a file a content folder carried in.
  const shown = escapeFileName(options.file);
  let violations: Violation[];
  let items = 0;
  try {
    const xml = readFeedFile(options.file);
    // Partners take RSS (MSN, Flipboard, SmartNews) or Atom; a JSON Feed is none of theirs, and read as
    // XML it would be reported as "not well-formed", which says the file is broken when it is not.
    if (xml.trimStart().startsWith('{')) throw new CheckUsageError(`${shown} is JSON (a JSON Feed?): check reads RSS and Atom only, the formats partners take`);
    const feed = readFeed(xml);
    items = feed.items.length;
    violations = runPreflight(profile.rules, feed, { now: options.now });
  } catch (error) {
    if (error instanceof CheckUsageError) throw error;
    violations = [
      error instanceof FeedLimitError
        ? { rule: 'feed-limits', severity: 'error', message: error.message, source: CHECK_LIMITS_SOURCE }
        : { rule: 'well-formed', severity: 'error', message: (error as Error).message, source: 'https://www.w3.org/TR/xml/#sec-well-formed' },
    ];
  }
  for (const violation of violations) {
    const line = `${shown}: ${violation.rule}: ${violation.itemId ?? '(feed)'}: ${violation.message} (${violation.source})`;
    if (violation.severity === 'error') reporter.error(line);
    else reporter.info(`warning: ${line}`);
  }
  const errors = violations.filter((violation) => violation.severity === 'error').length;
  reporter.info(`${shown}: ${countOf(items, 'item')} checked against ${options.profile}: ${countOf(errors, 'error')}, ${countOf(violations.length - errors, 'warning')}`);
  return { violations, items, errors: hasErrors(violations) ? errors : 0 };
}
