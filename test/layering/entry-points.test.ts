import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Entry points parse input, call one use case and map its result (docs/architecture.md, "Layers").
// Their size is the check that no application logic settles there: issue 21 set it under 1,000
// lines for the CLI, Lambda and edge entry points together, tests left out.
const ENTRY_POINT_FOLDERS = ['functions/handlers', 'functions/edge'];
const LIMIT = 1000;

/** Lines of each non-test source file in the entry-point folders. */
function entryPointLines(): Map<string, number> {
  const lines = new Map<string, number>();
  for (const folder of ENTRY_POINT_FOLDERS) {
    for (const name of readdirSync(folder)) {
      if (!/\.(ts|js)$/.test(name) || /\.test\.(ts|js)$/.test(name)) continue;
      lines.set(join(folder, name), readFileSync(join(folder, name), 'utf8').split('\n').length - 1);
    }
  }
  return lines;
}

describe('entry points', () => {
  it(`stay under ${LIMIT} lines in all`, () => {
    const lines = entryPointLines();
    const total = [...lines.values()].reduce((sum, count) => sum + count, 0);
    const largest = [...lines].sort(([, a], [, b]) => b - a).slice(0, 3).map(([file, count]) => `${file} ${count}`).join(', ');
    expect(total, `entry points hold ${total} lines (largest: ${largest}); move what is not parsing input or mapping a result into a use case`).toBeLessThan(LIMIT);
  });
});
