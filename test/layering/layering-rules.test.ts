import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../support/temp-dirs.js';

// The checks `npm test` runs on functions/ (lint:deps, lint:core), run here on small trees that break
// each rule once, so that loosening a rule's pattern fails a test instead of passing silently.

const REPO = resolve('.');
const tempDir = tempDirs('layering');

/** A tree of files under a fresh folder that can resolve the repository's packages. */
function tree(files: Record<string, string>): string {
  const root = tempDir();
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The violations dependency-cruiser finds in `root`'s functions/ with the repository's rules, as `rule: from -> to`. */
function cruise(root: string): string[] {
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'functions', '--config', join(REPO, '.dependency-cruiser.cjs'), '--preserve-symlinks', '--output-type', 'json'],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`).sort();
}

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: true } });

describe('lint:deps (.dependency-cruiser.cjs)', () => {
  it('names each layering break and cycle, and passes what the layers allow', () => {
    // Given: one module per layer, each reaching where its layer may not, beside allowed imports
    const root = tree({
      'tsconfig.json': TSCONFIG,
      // allowed: a pure package, a pure built-in, another core module, type-only included
      'functions/core/story.ts': "import { createHash } from 'node:crypto';\nimport { Parser } from 'htmlparser2';\nexport const hash = [createHash, Parser];\n",
      'functions/core/reaches-out.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { S3Client } from '@aws-sdk/client-s3';",
        "import type { Store } from '../adapters/store.js';",
        "import { hash } from './story.js';",
        'export const all = [readFileSync, S3Client, hash] as unknown as Store;',
        '',
      ].join('\n'),
      // a core test may read fixtures
      'functions/core/story.test.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'functions/core/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
      'functions/core/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
      'functions/adapters/store.ts': "import { hash } from '../core/story.js';\nimport { publish } from '../use-cases/publish.js';\nexport type Store = typeof hash;\nexport const use = publish;\n",
      'functions/use-cases/publish.ts': "import { hash } from '../core/story.js';\nimport { main } from '../handlers/cli.js';\nexport const publish = [hash, main];\n",
      'functions/use-cases/rebuild.ts': "import { use } from '../adapters/store.js';\nexport const rebuild = use;\n",
      'functions/handlers/cli.ts': "import type { Store } from '../adapters/store.js';\nexport const main = (store: Store) => store;\n",
      'functions/handlers/lambda.ts': "import { publish } from '../use-cases/publish.js';\nimport { use } from '../adapters/store.js';\nexport const handler = [publish, use];\n",
      'functions/edge/viewer.js': "import cf from 'cloudfront';\nimport { hash } from '../core/story.js';\nexport default [cf, hash];\n",
    });

    // When / Then
    expect(cruise(root)).toEqual([
      'adapters-below-use-cases: functions/adapters/store.ts -> functions/use-cases/publish.ts',
      'core-imports-only-core: functions/core/reaches-out.ts -> functions/adapters/store.ts',
      'core-uses-no-io-builtins: functions/core/reaches-out.ts -> fs',
      'core-uses-pure-packages: functions/core/reaches-out.ts -> node_modules/@aws-sdk/client-s3/dist-cjs/index.js',
      'edge-functions-standalone: functions/edge/viewer.js -> functions/core/story.ts',
      'handlers-are-entry-points: functions/use-cases/publish.ts -> functions/handlers/cli.ts',
      'no-circular: functions/adapters/store.ts -> functions/use-cases/publish.ts',
      'no-circular: functions/core/cycle-a.ts -> functions/core/cycle-b.ts',
      'use-cases-reach-adapters-through-ports: functions/use-cases/rebuild.ts -> functions/adapters/store.ts',
    ]);
  });
});

describe('lint:core (tsconfig.core.json, eslint.config.js)', () => {
  it('refuses the Node globals core must not reach, and keeps those it uses', () => {
    // Given: a core module using process, a timer and console beside Buffer, URL and TextDecoder
    const root = tree({
      'package.json': JSON.stringify({ type: 'module' }),
      'tsconfig.core.json': JSON.stringify({ extends: join(REPO, 'tsconfig.core.json'), include: ['functions/core'] }),
      'functions/core/globals.ts': [
        "export const size = Buffer.byteLength('é');",
        "export const link = new URL('https://wire.example.org/a');",
        'export const text = new TextDecoder().decode(new Uint8Array());',
        'export const region = process.env.AWS_REGION;',
        'setTimeout(() => undefined, 1);',
        "console.log('built');",
        '',
      ].join('\n'),
    });

    // When
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.core.json'], { cwd: root, encoding: 'utf8' });

    // Then: lines 4 to 6 fail, and only they
    const failedLines = [...result.stdout.matchAll(/^functions\/core\/globals\.ts\((\d+),\d+\): error/gm)].map((match) => Number(match[1]));
    expect(failedLines).toEqual([4, 5, 6]);
  });

  it('refuses reading the clock in core, and allows dates made from a value', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const lint = async (code: string, filePath: string) =>
      // A file no configuration matches comes back as no result at all.
      (await eslint.lintText(code, { filePath: join(REPO, filePath), warnIgnored: false })).flatMap((result) => result.messages.map((message) => `${message.line}: ${message.ruleId}`));

    const code = [
      'export const a = Date.now();',
      'export const b = new Date();',
      'export const c = Date();',
      "export const d = new Date('2026-01-01T00:00:00Z');",
      'export const e = Date.parse(d.toISOString());',
      'export const f = globalThis.Date.now();',
      'const Clock = Date;',
      'export const g = new Clock();',
      '',
    ].join('\n');
    expect(await lint(code, 'functions/core/clock.ts')).toEqual(['1: no-restricted-properties', '2: no-restricted-syntax', '3: no-restricted-syntax', '6: no-restricted-syntax', '7: no-restricted-syntax']);
    // …outside core, and in core's tests, the clock is allowed
    expect(await lint(code, 'functions/handlers/clock.ts')).toEqual([]);
    expect(await lint(code, 'functions/core/clock.test.ts')).toEqual([]);
  });
});
