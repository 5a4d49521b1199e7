// The esbuild options of both Lambda bundles, the publisher's and the rebuilder's. infra/publisher.ts
// hands them to CDK's NodejsFunction (infra/lambda-bundling.ts turns them into its bundling props)
// and bench/lambda-bundle.mjs builds with them, so the bench measures the very file CDK ships:
// test/asset compares the two byte for byte. Plain JS so the bench loads it without a TS loader.

/**
 * Lets CommonJS dependencies inside the ESM bundle call `require`: without it, one calling
 * `require('crypto')` fails at load with `Dynamic require of "crypto" is not supported`.
 */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __wirefeedCreateRequire } from 'node:module'; const require = __wirefeedCreateRequire(import.meta.url);";

/** esbuild `BuildOptions`, without the entry and output, which each bundle names. */
export const LAMBDA_ESBUILD = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  // Stack traces need only the mappings. With the sources embedded the map is 1.1 MB instead of
  // 0.3 MB, and `--enable-source-maps` reads and parses it during every cold start: ~6 ms (issue #9).
  sourcemap: true,
  sourcesContent: false,
  // Every package the bundles take in has an `exports` map today, which esbuild follows before
  // these; a package without one is taken as ESM where it has that build.
  mainFields: ['module', 'main'],
  banner: { js: CREATE_REQUIRE_BANNER },
  // The nodejs22.x runtime ships AWS SDK v3; bundling it would triple the asset.
  external: ['@aws-sdk/*'],
});
