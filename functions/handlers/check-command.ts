import { readFileSync } from 'node:fs';
import { isProfileName, PROFILE_NAMES } from '../core/partners/partner-profile.js';
import { PROFILE_RULES } from '../core/partners/preflight/profile-rules.js';
import { readFeed } from '../core/partners/preflight/read-feed.js';
import { hasErrors, runPreflight } from '../core/partners/preflight/run-preflight.js';
import type { Violation } from '../core/partners/preflight/rule.js';
import { countOf } from '../core/text/count-noun.js';

/** What `wirefeed check` found in one file. */
export interface CheckResult {
  violations: Violation[];
  items: number;
  errors: number;
}

/** Output lines of the check command. */
export interface CheckReporter {
  error(line: string): void;
  info(line: string): void;
}

/** A usage problem of `wirefeed check` (unknown profile, unreadable file). */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

/**
 * Lints a built RSS or Atom file against one partner profile's published rules, the same rules a
 * build applies to partner feeds. Prints one line per violation —
 * `<file>: <severity> <rule id>: <item id>: <message> (<source URL>)` — and a summary.
 * A file that is not well-formed XML is one error (`well-formed`).
 */
export function runCheck(options: { profile: string; file: string; now: Date }, reporter: CheckReporter): CheckResult {
  if (!isProfileName(options.profile)) throw new CheckUsageError(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  let xml: string;
  try {
    xml = readFileSync(options.file, 'utf8');
  } catch (error) {
    throw new CheckUsageError(`cannot read ${options.file}: ${(error as Error).message}`);
  }
  // Partners take RSS (MSN, Flipboard, SmartNews) or Atom; a JSON Feed is none of theirs, and read as
  // XML it would be reported as "not well-formed", which says the file is broken when it is not.
  if (xml.trimStart().startsWith('{')) throw new CheckUsageError(`${options.file} is JSON (a JSON Feed?): check reads RSS and Atom only, the formats partners take`);
  let violations: Violation[];
  let items = 0;
  try {
    const feed = readFeed(xml);
    items = feed.items.length;
    violations = runPreflight(PROFILE_RULES[options.profile], feed, { now: options.now });
  } catch (error) {
    violations = [{ rule: 'well-formed', severity: 'error', message: (error as Error).message, source: 'https://www.w3.org/TR/xml/#sec-well-formed' }];
  }
  for (const violation of violations) {
    const line = `${options.file}: ${violation.rule}: ${violation.itemId ?? '(feed)'}: ${violation.message} (${violation.source})`;
    if (violation.severity === 'error') reporter.error(line);
    else reporter.info(`warning: ${line}`);
  }
  const errors = violations.filter((violation) => violation.severity === 'error').length;
  reporter.info(`${options.file}: ${countOf(items, 'item')} checked against ${options.profile}: ${countOf(errors, 'error')}, ${countOf(violations.length - errors, 'warning')}`);
  return { violations, items, errors: hasErrors(violations) ? errors : 0 };
}
