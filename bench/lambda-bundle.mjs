// The publisher Lambda bundled as the CDK stack bundles it (infra/publisher.ts): esbuild, minified
// ESM for node22, `module` before `main`, the createRequire banner and the AWS SDK external (the
// runtime provides it). Built once per bench run and shared by the cold-import and the publish
// measurements, so both time the same file.
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CREATE_REQUIRE_BANNER = "import { createRequire as __wirefeedCreateRequire } from 'node:module'; const require = __wirefeedCreateRequire(import.meta.url);";

/**
 * Bundles the publisher (functions/handlers/publish.ts, `index.mjs`) and, beside it, the rebuilder
 * (functions/handlers/rebuild-step.ts, `rebuild.mjs`: `rebuilderOf(file)`) into a temp folder beside
 * a link to node_modules, from which the external SDK loads as it would from the runtime's copy.
 * Returns the publisher's file, its size and `remove()`.
 */
export async function bundleLambda() {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-bench-bundle-'));
  const { build } = await import('esbuild');
  const file = join(dir, 'index.mjs');
  const options = {
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    banner: { js: CREATE_REQUIRE_BANNER },
    logLevel: 'error',
  };
  await build({ ...options, entryPoints: ['functions/handlers/publish.ts'], outfile: file });
  await build({ ...options, entryPoints: ['functions/handlers/rebuild-step.ts'], outfile: rebuilderOf(file) });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  return { file, bytes: statSync(file).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The rebuilder's bundle built beside the publisher's bundle `file`. */
export function rebuilderOf(file) {
  return join(dirname(file), 'rebuild.mjs');
}
