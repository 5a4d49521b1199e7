import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE, contentWith, SAMPLE_IDS } from './hostile-content.js';
import { runCli } from '../support/build-content.js';
import { parseJsonText } from '../../functions/core/text/json-syntax.js';

/** C0 and C1 controls, line and paragraph separators, bidi controls: what could rewrite a terminal line. */
const FORGING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('story file names that try to forge message lines', () => {
  it('a newline, a carriage return and an escape sequence in a file name are escaped in every line; ordinary names are untouched', async () => {
    // Given: three broken stories whose names carry a forged error line, and one valid story with a
    // forging name, which the partner preflight report names too
    const forgedNewline = 'a.json: fine\nerror: b.json: forged.json';
    const forgedReturn = 'c\rerror: overwritten.json';
    const forgedEscape = 'd\u001b[2K\u202eforged.json';
    const dir = contentWith({ [forgedNewline]: '{', [forgedReturn]: '{', [forgedEscape]: '{' });
    const valid = { uri: 'urn:wirefeed:hostile:names:valid', versionCreated: '2024-01-01T00:00:00Z', headlines: [{ value: 'A valid story with a forging name' }] };
    writeFileSync(join(dir, 'stories', 'e\nerror: partner.json'), JSON.stringify(valid));
    // When: verbose, so the partner findings are listed too
    const run = await runCli(['build', '--content', dir, '--out', '$OUT', '--base-url', BASE, '--verbose']);
    // Then: no line holds a control character, each broken file is reported once, escaped
    expect(run.code).toBe(1);
    for (const line of [...run.errors, ...run.info]) expect(line).not.toMatch(FORGING);
    const stories = join(dir, 'stories');
    expect(run.errors.sort()).toEqual([
      `"${stories}/a.json: fine\\nerror: b.json: forged.json": /: not JSON: ${notJson()}`,
      `"${stories}/c\\rerror: overwritten.json": /: not JSON: ${notJson()}`,
      `"${stories}/d\\u001b[2K\\u202eforged.json": /: not JSON: ${notJson()}`,
    ].sort());
    expect(run.info.some((line) => line.includes(`"${stories}/e\\nerror: partner.json"`))).toBe(true);
    // Ordinary names appear as they are
    expect(run.info.some((line) => line.includes(`${stories}/vienna-talks-syria.json: `))).toBe(true);
    expect(run.info.at(-1)).toBe(`published ${SAMPLE_IDS.length + 1} stories (0 withheld, 3 rejected) into ${run.outDir}`);
  });
});

/** The refusal of `{`: where (line 1, column 2) and JSON.parse's reason. */
function notJson(): string {
  try {
    parseJsonText('{');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
