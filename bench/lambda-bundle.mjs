// The publisher and the rebuilder bundled with the esbuild options CDK ships them with
// (infra/lambda-esbuild.mjs): the same bytes as the assets of `cdk synth` (test/asset checks it),
// source map beside each. Built once per bench run and shared by the cold-import and the publish
// measurements, so both time the same files.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LAMBDA_ESBUILD } from '../infra/lambda-esbuild.mjs';

const PUBLISHER_ENTRY = 'functions/handlers/publish.ts';
const REBUILDER_ENTRY = 'functions/handlers/rebuild-step.ts';

/**
 * Bundles the publisher (`index.mjs`) and the rebuilder (`rebuilder/index.mjs`: `rebuilderOf(file)`,
 * named as CDK names it, so its source-map comment is the asset's too) of the checkout at `root`
 * (this one by default) into a temp folder beside a link to its node_modules, from which the
 * external SDK loads as it would from the runtime's copy. A checkout without the rebuilder's entry
 * (the rebuild was once a command of the publisher) gets its publisher's bundle as its rebuilder.
 * Returns the publisher's file, its size, the rebuilder's size and `remove()`.
 */
export async function bundleLambda({ root = process.cwd(), label = 'bench' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `wirefeed-${label}-bundle-`));
  const { build } = await import('esbuild');
  const options = { ...LAMBDA_ESBUILD, absWorkingDir: resolve(root), logLevel: 'error' };
  const file = join(dir, 'index.mjs');
  const rebuilder = rebuilderOf(file);
  mkdirSync(dirname(rebuilder));
  await build({ ...options, entryPoints: [PUBLISHER_ENTRY], outfile: file });
  if (existsSync(join(resolve(root), REBUILDER_ENTRY))) await build({ ...options, entryPoints: [REBUILDER_ENTRY], outfile: rebuilder });
  else copyFileSync(file, rebuilder);
  symlinkSync(join(resolve(root), 'node_modules'), join(dir, 'node_modules'));
  return { dir, file, bytes: statSync(file).size, rebuilderBytes: statSync(rebuilder).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The rebuilder's bundle built beside the publisher's bundle `file`. */
export function rebuilderOf(file) {
  return join(dirname(file), 'rebuilder', 'index.mjs');
}
