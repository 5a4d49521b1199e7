import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { runBuild, runValidate, type BuildOptions, type Reporter } from './build-command.js';
import { escapeFileName } from '../core/text/escape-file-name.js';

const USAGE = `Usage:
  wirefeed build    --content DIR --out DIR [--base-url URL] [--limit N] [--now ISO-DATE] [--cache DIR]
  wirefeed validate --content DIR [--base-url URL]
  wirefeed preview  --content DIR --out DIR [--base-url URL] [--port N] [--cache DIR]
  wirefeed check    --profile google-news|msn|flipboard|smartnews FILE [--now ISO-DATE]
  wirefeed partner-key create|rotate|revoke|list ...   (see: wirefeed partner-key --help)

Exit codes: 0 all stories published, 1 some stories rejected (the rest are published),
2 usage or configuration error. Partner preflight exclusions do not change the exit code.
check: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

const stderr: Reporter = {
  error: (line) => process.stderr.write(`error: ${line}\n`),
  info: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI with the given arguments; resolves to the exit code (preview keeps serving). */
export async function main(argv: string[], reporter: Reporter = stderr): Promise<number> {
  const [command, ...rest] = argv;
  // Commands other than build and validate are loaded when used: `check` needs feedsmith and
  // `partner-key` the AWS SDK, ~0.2 s of module loading a build (often a warm one of ~1 s) never needs.
  if (command === 'partner-key') return (await import('./partner-key-command.js')).runPartnerKeyCommand(rest, { stdout: (text) => process.stdout.write(text), reporter });
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
  if (values.help || command === undefined || command === 'help' || command === '--help') {
    reporter.info(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const contentDir = values.content as string | undefined;
  const outDir = values.out as string | undefined;
  const overrides = {
    ...(values['base-url'] !== undefined && { baseUrl: values['base-url'] as string }),
    ...(values.limit !== undefined && { itemLimit: Number(values.limit) }),
  };
  const cache = values.cache === undefined ? {} : { cacheDir: values.cache as string };
  try {
    if (command === 'validate') {
      if (!contentDir) return usage(reporter, 'validate needs --content DIR');
      const result = runValidate({ contentDir, ...overrides }, reporter);
      reporter.info(`${result.checked - result.rejected.length} of ${result.checked} stories valid`);
      return result.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
    }
    if (command === 'build') {
      if (!contentDir || !outDir) return usage(reporter, 'build needs --content DIR and --out DIR');
      const now = values.now === undefined ? new Date() : new Date(values.now as string);
      if (Number.isNaN(now.getTime())) return usage(reporter, `--now is not a date: ${String(values.now)}`);
      return build(reporter, { contentDir, outDir, ...cache, ...overrides }, now);
    }
    if (command === 'check') {
      const [file, ...extra] = positionals;
      if (!values.profile || !file || extra.length > 0) return usage(reporter, 'check needs --profile NAME and one FILE');
      const now = values.now === undefined ? new Date() : new Date(values.now as string);
      if (Number.isNaN(now.getTime())) return usage(reporter, `--now is not a date: ${String(values.now)}`);
      const { runCheck } = await import('./check-command.js');
      const result = runCheck({ profile: values.profile as string, file, now }, reporter);
      return result.errors > 0 ? EXIT.rejected : EXIT.ok;
    }
    if (command === 'preview') {
      if (!contentDir || !outDir) return usage(reporter, 'preview needs --content DIR and --out DIR');
      // Listen first: with port 0 the system picks one, and the feeds' base URL must name it.
      const { startPreviewServer } = await import('./preview-server.js');
      const server = await startPreviewServer(outDir, Number(values.port ?? process.env.PORT ?? 8080));
      const { port } = server.address() as AddressInfo;
      const code = build(reporter, { contentDir, outDir, ...cache, baseUrl: `http://localhost:${port}`, ...overrides });
      reporter.info(`preview at http://localhost:${port}/ (feeds: rss.xml, atom.xml, feed.json) — Ctrl+C to stop`);
      return code;
    }
    return usage(reporter, `unknown command: ${command}`);
  } catch (error) {
    // A bad site.json, a bad check profile or anything else that stops the command before it ran.
    reporter.error((error as Error).message);
    return EXIT.usage;
  }
}

function build(reporter: Reporter, options: Omit<BuildOptions, 'now'>, now = new Date()): number {
  const summary = runBuild({ ...options, now }, reporter);
  reporter.info(`published ${summary.published} stories (${summary.withheld} withheld, ${summary.rejected.length} rejected) into ${escapeFileName(options.outDir)}`);
  return summary.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
}

function usage(reporter: Reporter, message: string): number {
  reporter.error(message);
  reporter.info(USAGE);
  return EXIT.usage;
}
