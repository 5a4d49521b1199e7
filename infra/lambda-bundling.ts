import type { BuildOptions } from 'esbuild';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { LAMBDA_ESBUILD } from './lambda-esbuild.mjs';

/** What NodejsFunction always passes esbuild (`--bundle`, `--platform=node`), so the options may only agree with it. */
const ALWAYS: BuildOptions = { bundle: true, platform: 'node' };

/**
 * The Lambdas' esbuild options (infra/lambda-esbuild.mjs) as NodejsFunction's bundling props. An
 * option with no prop here fails the synth rather than leaving the bench's bundle and the deployed
 * one to differ.
 */
export function lambdaBundling(options: BuildOptions = LAMBDA_ESBUILD): nodejs.BundlingOptions {
  const { format, target, minify, sourcemap, sourcesContent, mainFields, banner, external, ...rest } = options;
  for (const [key, value] of Object.entries(rest)) {
    if (ALWAYS[key as keyof BuildOptions] !== value) throw new Error(`esbuild option ${key} has no NodejsFunction bundling prop here (infra/lambda-bundling.ts)`);
  }
  if (format !== 'esm' || typeof target !== 'string' || (sourcemap !== undefined && typeof sourcemap !== 'boolean')) throw new Error(`esbuild options the Lambda bundling does not map: ${JSON.stringify({ format, target, sourcemap })}`);
  const otherBanners = Object.keys(banner ?? {}).filter((kind) => kind !== 'js');
  if (otherBanners.length > 0) throw new Error(`esbuild banners other than js: ${otherBanners.join(', ')}`);
  return {
    format: nodejs.OutputFormat.ESM,
    target,
    minify,
    sourceMap: sourcemap,
    sourcesContent,
    mainFields,
    banner: banner?.js,
    externalModules: external,
  };
}
