// Compiles the CLI for `npx wirefeed` (run by `npm install` through `prepare`). esbuild bundles our
// TypeScript and leaves npm packages external, so the CLI loads them from node_modules — except
// htmlparser2, whose tokenizer the body sanitizer uses: its package index also loads the DOM
// packages (domhandler, domutils, dom-serializer), which wirefeed never runs; bundled, only the
// tokenizer and its entity tables are left ("sideEffects": false), and every CLI and build-worker
// start skips loading the rest.
// The build worker is its own entry: the CLI starts it as a thread from the file beside cli.js.
// Code is split into shared chunks so commands load what they use (a build never loads the AWS SDK
// or feedsmith).
import { readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

/** Bare imports from our code stay external, but htmlparser2 and whatever it imports are bundled. */
const bundleOnlyTokenizer = {
  name: 'bundle-only-tokenizer',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === 'htmlparser2' || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
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
  plugins: [bundleOnlyTokenizer],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

// Chunk names carry content hashes: remove the chunks of earlier builds (after writing the new ones,
// so a CLI started meanwhile never finds the folder half-empty).
const current = new Set(Object.keys(result.metafile.outputs).map((path) => basename(path)));
for (const name of readdirSync('dist')) if (!current.has(name)) rmSync(`dist/${name}`, { force: true });
