// The publisher Lambda bundled as the CDK stack bundles it (infra/publisher.ts): esbuild, minified
// ESM for node22, `module` before `main`, the createRequire banner and the AWS SDK external (the
// runtime provides it). Built once per bench run and shared by the cold-import and the publish
// measurements, so both time the same file.
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CREATE_REQUIRE_BANNER = "import { createRequire as __wirefeedCreateRequire } from 'node:module'; const require = __wirefeedCreateRequire(import.meta.url);";

/**
 * Bundles functions/handlers/publish.ts into a temp folder beside a link to node_modules, from which
 * the external SDK loads as it would from the runtime's copy. Returns the file, its size and `remove()`.
 */
export async function bundleLambda() {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-bench-bundle-'));
  const { build } = await import('esbuild');
    const file = join(dir, 'index.mjs');
  await build({
    entryPoints: ['functions/handlers/publish.ts'],
    outfile: file,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    banner: { js: CREATE_REQUIRE_BANNER },
    logLevel: 'error',
  });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  return { file, bytes: statSync(file).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
