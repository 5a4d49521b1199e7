import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * htmlparser2's Parser module, found beside the package's entry (its exports map hides the file,
 * and its folder layout has moved between major versions). Fails synth loudly if it moves again.
 */
function htmlparser2Parser(): string {
  const entry = createRequire(`${REPO_ROOT}package.json`).resolve('htmlparser2');
  const parser = join(dirname(entry), 'Parser.js');
  if (!existsSync(parser)) throw new Error(`htmlparser2's Parser.js is not beside ${entry}: update infra/bundle-aliases.ts`);
  return parser;
}

/**
 * Module aliases for bundles that carry sanitize-html (the publisher, the CLI); each one leaves out
 * code that wirefeed provably never runs, to keep the asset under its 250 KB target (see docs/decisions/003).
 * - postcss: sanitize-html loads it but calls it only for allowed `style` attributes; wirefeed
 *   allows none and sets `parseStyleAttributes: false` (functions/bundle/postcss-absent.cjs).
 * - htmlparser2: sanitize-html uses only its `Parser`; the package index also loads domhandler,
 *   domutils and dom-serializer.
 * - dayjs: sanitize-html uses only launder's `naughtyHref`; launder loads dayjs for date helpers
 *   (functions/bundle/dayjs-absent.cjs).
 */
export const SANITIZER_ALIASES: Record<string, string> = {
  postcss: `${REPO_ROOT}functions/bundle/postcss-absent.cjs`,
  dayjs: `${REPO_ROOT}functions/bundle/dayjs-absent.cjs`,
  htmlparser2: htmlparser2Parser(),
};

/** The same aliases as esbuild `--alias` arguments, the form CDK's NodejsFunction takes. */
export const LAMBDA_ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries(SANITIZER_ALIASES).map(([module, target]) => [`--alias:${module}`, target]),
);
