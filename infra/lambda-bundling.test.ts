import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { lambdaBundling } from './lambda-bundling.js';
import { LAMBDA_ESBUILD } from './lambda-esbuild.mjs';

describe('lambdaBundling', () => {
  it("passes the Lambdas' esbuild options to NodejsFunction (test/asset checks the bytes against the bench's bundle)", () => {
    expect(lambdaBundling()).toEqual({
      format: OutputFormat.ESM,
      target: LAMBDA_ESBUILD.target,
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      mainFields: LAMBDA_ESBUILD.mainFields,
      banner: LAMBDA_ESBUILD.banner?.js,
      externalModules: ['@aws-sdk/*'],
    });
  });

  it('refuses an esbuild option it has no bundling prop for, rather than ship a bundle the bench does not build', () => {
    expect(() => lambdaBundling({ ...LAMBDA_ESBUILD, legalComments: 'none' })).toThrow(/legalComments/);
    expect(() => lambdaBundling({ ...LAMBDA_ESBUILD, platform: 'neutral' })).toThrow(/platform/);
    expect(() => lambdaBundling({ ...LAMBDA_ESBUILD, format: 'cjs' })).toThrow(/format/);
    expect(() => lambdaBundling({ ...LAMBDA_ESBUILD, banner: { js: '', css: '' } })).toThrow(/css/);
  });
});
