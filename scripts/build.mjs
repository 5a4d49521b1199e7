// Compiles the CLI for `npx wirefeed` (run by `npm install` through `prepare`). esbuild bundles our
// TypeScript and leaves npm packages external, so the CLI loads them from node_modules. The build
// worker is its own entry: the CLI starts it as a thread from the file beside cli.js. Code is split
// into shared chunks so commands load what they use (a build never loads the AWS SDK or feedsmith).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'functions/handlers/cli.ts', 'build-worker': 'functions/handlers/build-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
