import { parseArgs } from 'node:util';
import { buildFolder, type FolderBuildOptions } from './build-command.js';
import type { BuildSummary } from '../use-cases/build/run-build.js';
import { runValidate } from '../use-cases/build/validate.js';
import { runPartnerCheck } from '../use-cases/check/partner-check.js';
import { loadSite } from '../use-cases/build/load-site.js';
import type { Reporter } from '../use-cases/reporter.js';
import { fsContentSource } from '../adapters/fs-content.js';
import { escapeFileName } from '../core/text/escape-file-name.js';
import { shellWord } from '../core/text/shell-word.js';
import { countOf } from '../core/text/count-noun.js';
import { wholeNumber } from '../core/text/whole-number.js';
import { packageVersion } from '../adapters/package-version.js';
import { profileNames } from '../core/partners/profile-of.js';

const USAGE = `Usage:
  wirefeed build    --content DIR --out DIR [--base-url URL] [--limit N] [--now ISO-DATE] [--cache DIR] [--verbose]
  wirefeed validate --content DIR [--base-url URL]
  wirefeed preview  --content DIR --out DIR [--base-url URL] [--port N] [--cache DIR] [--verbose]
  wirefeed check    --profile ${profileNames().join('|')} FILE [--now ISO-DATE]
  wirefeed check    --content DIR --partner NAME [--base-url URL] [--now ISO-DATE]
  wirefeed partner-key create|rotate|revoke|list ...   (see: wirefeed partner-key --help)
  wirefeed --version

A build prints one line per partner feed; --verbose, or check --partner, lists why stories were
left out. check FILE reads RSS and Atom files (a partner feed is RSS).
preview builds for the site's public base URL and serves its pages and feeds with links to itself;
it rebuilds on every change under the content folder and reloads the pages open in a browser.

Exit codes: 0 all stories published, 1 some stories rejected (the rest are published),
2 usage or configuration error. Partner preflight exclusions do not change the exit code.
check: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

/** Exit codes of the CLI. */
const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

const stderr: Reporter = {
  error: (line) => process.stderr.write(`error: ${line}\n`),
  info: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI with the given arguments; resolves to the exit code (preview keeps serving). `print` takes what was asked for (help, version): stdout. */
export async function main(argv: string[], reporter: Reporter = stderr, print: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    print(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  // Commands other than build and validate are loaded when used: `check` needs feedsmith and
  // `partner-key` the AWS SDK, ~0.2 s of module loading a build (often a warm one of ~1 s) never needs.
  if (command === 'partner-key') return (await import('./partner-key-command.js')).runPartnerKeyCommand(rest, { stdout: print, reporter });
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: {
        content: { type: 'string' },
        out: { type: 'string' },
        'base-url': { type: 'string' },
        limit: { type: 'string' },
        port: { type: 'string' },
        profile: { type: 'string' },
        now: { type: 'string' },
        cache: { type: 'string' },
        partner: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: command === 'check',
    }));
  } catch (error) {
    reporter.error((error as Error).message);
    reporter.info(USAGE);
    return EXIT.usage;
  }
  // Help that was asked for is output, not a complaint: stdout and exit 0, so `wirefeed --help | less` works.
  if (command === undefined) {
    reporter.info(USAGE);
    return EXIT.usage;
  }
  if (values.help || command === 'help' || command === '--help' || command === '-h') {
    print(`${USAGE}\n`);
    return EXIT.ok;
  }
  const contentDir = values.content as string | undefined;
  const outDir = values.out as string | undefined;
  // Flags are checked here, so a bad one is named as a flag rather than blamed on site.json.
  const limit = values.limit === undefined ? undefined : wholeNumber(values.limit as string, 1);
  if (limit === null) return usage(reporter, `--limit must be a whole number of items, 1 or more: ${JSON.stringify(values.limit)}`);
  const portText = (values.port as string | undefined) ?? process.env.PORT;
  const port = portText === undefined ? 8080 : wholeNumber(portText, 0);
  if (port === null || port > 65535) return usage(reporter, `${values.port === undefined ? 'PORT' : '--port'} must be a port number, 0 to 65535: ${JSON.stringify(portText)}`);
  const overrides = {
    ...(values['base-url'] !== undefined && { baseUrl: values['base-url'] as string }),
    ...(limit !== undefined && { itemLimit: limit }),
  };
  const cache = values.cache === undefined ? {} : { cacheDir: values.cache as string };
  const verbose = values.verbose === true;
  const now = values.now === undefined ? new Date() : new Date(values.now as string);
  if (Number.isNaN(now.getTime())) return usage(reporter, `--now is not a date: ${String(values.now)}`);
  try {
    if (command === 'validate') {
      if (!contentDir) return usage(reporter, 'validate needs --content DIR');
      const result = runValidate(fsContentSource(contentDir), overrides, reporter);
      reporter.info(`${result.checked - result.rejected.length} of ${countOf(result.checked, 'story', 'stories')} valid`);
      return result.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
    }
    if (command === 'build') {
      if (!contentDir || !outDir) return usage(reporter, 'build needs --content DIR and --out DIR');
      return build(reporter, { contentDir, outDir, ...cache, ...overrides, verbose, partnerHint: checkHint(contentDir, values) }, now);
    }
    if (command === 'check' && values.partner !== undefined) {
      if (!contentDir || positionals.length > 0 || values.profile !== undefined) return usage(reporter, 'check --partner NAME needs --content DIR, and no FILE or --profile');
      const result = runPartnerCheck(fsContentSource(contentDir), { ...overrides, now, partner: values.partner as string }, reporter);
      return result.leftOut > 0 ? EXIT.rejected : EXIT.ok;
    }
    if (command === 'check') {
      const [file, ...extra] = positionals;
      if (!values.profile || !file || extra.length > 0) return usage(reporter, 'check needs --profile NAME and one FILE');
      const { checkFile } = await import('./check-command.js');
      const result = checkFile({ profile: values.profile as string, file, now }, reporter);
      return result.errors > 0 ? EXIT.rejected : EXIT.ok;
    }
    if (command === 'preview') {
      if (!contentDir || !outDir) return usage(reporter, 'preview needs --content DIR and --out DIR');
      // Built for the public base URL, as deployed, so partner rules judge real links; the server
      // points those links at itself as it serves them (adapters/preview-server.ts).
      const { runPreviewCommand } = await import('./preview-command.js');
      const { baseUrl } = loadSite(fsContentSource(contentDir), overrides);
      const options = { contentDir, outDir, ...cache, ...overrides, verbose, partnerHint: checkHint(contentDir, values) };
      return await runPreviewCommand(options, { port, baseUrl, firstBuild: () => build(reporter, options) }, reporter);
    }
    return usage(reporter, `unknown command: ${command}`);
  } catch (error) {
    // A bad site.json, a bad check profile or anything else that stops the command before it ran.
    reporter.error((error as Error).message);
    return EXIT.usage;
  }
}

function build(reporter: Reporter, options: Omit<FolderBuildOptions, 'now'>, now = new Date()): number {
  const summary = buildFolder({ ...options, now }, reporter);
  reporter.info(publishedLine(summary, options.outDir));
  return summary.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
}

/** `published 5 stories (1 withheld, 0 rejected, 2 embargoed, next release 2026-…Z) into out`. */
function publishedLine(summary: BuildSummary, outDir: string): string {
  const { held } = summary;
  const embargoed = held.nextRelease ? `, ${held.embargoed} embargoed, next release ${held.nextRelease.toISOString().replace('.000Z', 'Z')}` : '';
  return `published ${countOf(summary.published, 'story', 'stories')} (${held.withheld} withheld, ${summary.rejected.length} rejected${embargoed}) into ${escapeFileName(outDir)}`;
}

/** The command a partner's summary line names for its details: the same content, base URL and clock as this run. */
function checkHint(contentDir: string, values: Record<string, string | boolean | undefined>): (partner: string) => string {
  const flags = [
    ...(values['base-url'] !== undefined ? ['--base-url', values['base-url'] as string] : []),
    ...(values.now !== undefined ? ['--now', values.now as string] : []),
  ];
  return (partner) => `wirefeed check --content ${shellWord(contentDir)} --partner ${shellWord(partner)}${flags.map((flag) => ` ${shellWord(flag)}`).join('')} for details`;
}

function usage(reporter: Reporter, message: string): number {
  reporter.error(message);
  reporter.info(USAGE);
  return EXIT.usage;
}
