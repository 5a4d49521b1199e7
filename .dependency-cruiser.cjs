// The layering of functions/, checked by dependency-cruiser on every `npm test` (`npm run lint:deps`).
//
//   handlers (CLI, Lambda)  ──>  use cases  ──>  core (pure)
//        └──────────────────>  adapters  ──────────^
//   edge: CloudFront Functions, each file deployed alone
//
// Core is pure: it imports only core, a few pure parsing packages and two side-effect-free Node
// modules. Adapters implement the ports (interfaces in core) and import only core and other adapters.
// Use cases (any folder that is not core, adapters, handlers or edge) reach storage through ports,
// never an adapter. Nothing but an entry point imports an entry point.
//
// What dependency-cruiser cannot see (globals, not imports): `process`, timers, `fetch`, `console`
// in core are refused by `tsconfig.core.json` (`npm run lint:core`), which gives core only the Node
// type declarations listed there.
//
// Tests (`*.test.ts`) are left out of the layering rules: a core test reads its fixtures with
// node:fs and may import test/ helpers. They still count for cycles.

/** Files of the production code in a folder of functions/ (its tests excluded). */
const code = (folder) => ({ path: `^functions/${folder}/`, pathNot: '\\.test\\.ts$' });

/**
 * npm packages core may import, each a pure function of its input (no I/O, no clock):
 * - htmlparser2: the tokenizer the body sanitizer walks (core/html);
 * - jsonc-parser: reads site.json with comments, and locates a syntax error (core/text);
 * - ajv, ajv-formats, @cfworker/json-schema: the ninjs schema validators (core/ninjs);
 * - feedsmith, saxes: partner preflight parses the feed text core itself rendered (core/partners).
 * The AWS SDK, Powertools, chokidar and every other package are outside core on purpose.
 */
const CORE_PACKAGES = ['htmlparser2', 'jsonc-parser', 'ajv', 'ajv-formats', '@cfworker/json-schema', 'feedsmith', 'saxes'];

/**
 * Node built-in modules core may import:
 * - crypto: `createHash` only, to name files and state keys by content (text/name-hash.ts,
 *   incremental/layout.ts); a hash is a pure function of its input;
 * - module: `createRequire`, so ninjs/schema-validator.ts loads ajv synchronously on first use
 *   instead of at start-up; it loads code, never site data.
 * fs, net, http(s), child_process, worker_threads, os, process and the rest are I/O or environment.
 */
const CORE_BUILTINS = ['crypto', 'module'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules in a cycle can only be understood, tested and moved together: break it with a third module both import.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      comment: 'Core is the inner layer: it may not import adapters, use cases, handlers, edge functions or test code.',
      severity: 'error',
      from: code('core'),
      to: { dependencyTypes: ['local'], pathNot: '^functions/core/' },
    },
    {
      name: 'core-uses-pure-packages',
      comment: `Core may import only pure packages (${CORE_PACKAGES.join(', ')}): no AWS SDK, no Powertools, no file watcher. See .dependency-cruiser.cjs for why each is allowed.`,
      severity: 'error',
      from: code('core'),
      to: {
        dependencyTypesNot: ['local', 'core'],
        pathNot: `^node_modules/(${CORE_PACKAGES.join('|')})/`,
      },
    },
    {
      name: 'core-uses-no-io-builtins',
      comment: `Core does no I/O: of Node's built-in modules it may import only ${CORE_BUILTINS.join(' and ')} (see .dependency-cruiser.cjs).`,
      severity: 'error',
      from: code('core'),
      to: { dependencyTypes: ['core'], pathNot: `^(node:)?(${CORE_BUILTINS.join('|')})$` },
    },
    {
      name: 'adapters-below-use-cases',
      comment: 'An adapter implements a port defined in core; it may not import use cases, handlers or edge functions.',
      severity: 'error',
      from: code('adapters'),
      to: { dependencyTypes: ['local'], pathNot: '^functions/(core|adapters)/' },
    },
    {
      name: 'use-cases-reach-adapters-through-ports',
      comment: 'Only an entry point picks an adapter and passes it in; a use case talks to the port it implements.',
      severity: 'error',
      from: { path: '^functions/', pathNot: ['^functions/(core|adapters|handlers)/', '\\.test\\.ts$'] },
      to: { path: '^functions/adapters/' },
    },
    {
      name: 'handlers-are-entry-points',
      comment: 'Handlers are wiring that nothing else builds on: move what another layer needs out of functions/handlers/.',
      severity: 'error',
      // Core and adapters importing a handler already fail their own rules above.
      from: { path: '^functions/', pathNot: ['^functions/(core|adapters|handlers)/', '\\.test\\.ts$'] },
      to: { path: '^functions/handlers/' },
    },
    {
      name: 'edge-functions-standalone',
      comment: 'A CloudFront Function is deployed as one file: it may import only the modules its runtime (cloudfront-js-2.0) provides, cloudfront and crypto.',
      severity: 'error',
      from: { path: '^functions/edge/[^/]+\\.js$' },
      to: { pathNot: '^(cloudfront|crypto)$' },
    },
  ],
  options: {
    // Our own code is what is checked; the packages' insides are not ours to layer.
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: core naming an adapter's type depends on that adapter all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // es6 for our modules, cjs for the `require` of ajv in ninjs/schema-validator.ts.
    moduleSystems: ['es6', 'cjs'],
    // Only the facts the rules read are collected, which keeps the CI step short.
    skipAnalysisNotInRules: true,
  },
};
