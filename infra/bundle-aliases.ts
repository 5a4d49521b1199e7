import { REPO_ROOT } from './paths.js';

/**
 * esbuild `--alias` arguments for the publisher bundle; each one leaves out code that wirefeed
 * provably never runs, to keep the asset under its 250 KB target (see docs/decisions/003).
 * - postcss: sanitize-html loads it but calls it only for allowed `style` attributes; wirefeed
 *   allows none and sets `parseStyleAttributes: false` (functions/bundle/postcss-absent.cjs).
 * - htmlparser2: sanitize-html uses only its `Parser`; the package index also loads domhandler,
 *   domutils and dom-serializer. The package's exports map hides the file, hence the full path.
 */
export const LAMBDA_ALIASES: Record<string, string> = {
  '--alias:postcss': `${REPO_ROOT}functions/bundle/postcss-absent.cjs`,
  '--alias:htmlparser2': `${REPO_ROOT}node_modules/htmlparser2/dist/commonjs/Parser.js`,
};
