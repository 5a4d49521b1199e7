import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['functions/**/*.test.ts', 'infra/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/temp-root.ts'],
    // Output is the failures and the summary: a dot per test, and the console output of a test
    // only when it fails. Many tests provoke errors on purpose, and the handlers log them with
    // stack traces; shown for every passing test they bury the one that failed.
    reporters: ['dot'],
    silent: 'passed-only',
    env: {
      // The Lambda logger's INFO line per story processed is not what a test reads; warnings and
      // errors still reach the tests that capture them (test/pipeline/harness.ts `errorLogs`).
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // The SDK's notice that its 2027 releases need Node 22, once per test worker on Node 20;
      // README says which Node versions are supported.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
