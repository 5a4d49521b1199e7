// Compiles the CLI for `npx wirefeed` (run by `npm install` through `prepare`). esbuild bundles our
// TypeScript and leaves npm packages external, so the CLI loads them from node_modules — except
// sanitize-html, which is bundled with the Lambda's module aliases (infra/bundle-aliases.ts): loaded
// from node_modules it took ~90 ms of every CLI start and every build worker's start (htmlparser2's
// DOM helpers and postcss, which wirefeed never runs), bundled ~10 ms.
// The build worker is its own entry: the CLI starts it as a thread from the file beside cli.js.
// Code is split into shared chunks so commands load what they use (a build never loads the AWS SDK
// or feedsmith).
import { readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const { SANITIZER_ALIASES: alias } = await tsImport('../infra/bundle-aliases.ts', import.meta.url);

/** Bare imports from our code stay external, but sanitize-html and whatever it imports are bundled. */
const bundleOnlySanitizer = {
  name: 'bundle-only-sanitizer',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === 'sanitize-html' || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      return { external: true };
    });
  },
};

const result = await build({
  entryPoints: { cli: 'functions/handlers/cli.ts', 'build-worker': 'functions/handlers/build-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  plugins: [bundleOnlySanitizer],
  alias,
  // sanitize-html and its dependencies are CommonJS: give the bundle a require for their built-ins.
  banner: { js: "import { createRequire as __wirefeedRequire } from 'node:module'; const require = __wirefeedRequire(import.meta.url);" },
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

// Chunk names carry content hashes: remove the chunks of earlier builds (after writing the new ones,
// so a CLI started meanwhile never finds the folder half-empty).
const current = new Set(Object.keys(result.metafile.outputs).map((path) => basename(path)));
for (const name of readdirSync('dist')) if (!current.has(name)) rmSync(`dist/${name}`, { force: true });
