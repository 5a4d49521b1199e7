/**
 * Same bytes (issue #21): the CLI build of `content/` and of a generated 1,000-story site must give
 * exactly the files whose sha256 hashes are recorded in output-hashes.json. A refactor keeps every
 * hash; a deliberate output change regenerates the record in the same commit and says why:
 *
 *   UPDATE_OUTPUT_HASHES=1 npx vitest run test/engine/same-bytes.test.ts
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { FIXTURE_NOW, writeFixtureSite, writeFixtureUpdates } from './fixture-site.js';
import { compareHashes, describeChanges, hashFiles, hashFolder, type FileHashes } from './output-hashes.js';

const RECORD = 'test/engine/output-hashes.json';
const UPDATE = process.env.UPDATE_OUTPUT_HASHES === '1';

/** What output-hashes.json holds per site: the content folder's hash and every output file's. */
interface SiteRecord {
  input: string;
  outputs: FileHashes;
}

/** output-hashes.json: the build time and, per site, its record. */
interface HashRecord {
  now: string;
  sites: Record<string, SiteRecord>;
}

/**
 * The content folders built: the repository's samples, and the generated site, which gets its
 * kills and corrections after a first build into the same folder and cache (MSN announces a kill
 * only for a story it carried before). Each step is content then, optionally, the change after it.
 */
const SITES: Record<string, { content: () => string; later?: (content: string) => void }> = {
  content: { content: () => 'content' },
  generated: { content: () => writeFixtureSite(mkdtempSync(join(tmpdir(), 'wirefeed-same-bytes-content-'))), later: writeFixtureUpdates },
};

/** Builds one site with the CLI at the fixed time, hashing the last build's output; the cache goes beside, not into, it. */
async function buildSite({ content, later }: (typeof SITES)[string]): Promise<{ code: number; errors: string[]; record: SiteRecord }> {
  const folder = content();
  const root = mkdtempSync(join(tmpdir(), 'wirefeed-same-bytes-'));
  mkdirSync(join(root, 'out'));
  const build = () => runCli(['build', '--content', folder, '--out', '$OUT', '--now', FIXTURE_NOW, '--cache', join(root, 'cache')], join(root, 'out'));
  let run = await build();
  if (later && run.code === 0) {
    later(folder);
    run = await build();
  }
  return { code: run.code, errors: run.errors, record: { input: hashFolder(folder), outputs: hashFiles(run.outDir) } };
}

describe('same bytes: every output file of the CLI build keeps its recorded hash', () => {
  const built: Record<string, Awaited<ReturnType<typeof buildSite>>> = {};
  let recorded: HashRecord | undefined;

  beforeAll(async () => {
    for (const [site, steps] of Object.entries(SITES)) built[site] = await buildSite(steps);
    const previous = existsSync(RECORD) ? (JSON.parse(readFileSync(RECORD, 'utf8')) as HashRecord) : undefined;
    if (UPDATE) {
      const next: HashRecord = { now: FIXTURE_NOW, sites: Object.fromEntries(Object.entries(built).map(([site, { record }]) => [site, record])) };
      writeFileSync(RECORD, `${JSON.stringify(next, null, 2)}\n`);
      // The account of what the regeneration changed, for the commit message that must name it.
      for (const [site, { record }] of Object.entries(built)) {
        const before = previous?.sites[site]?.outputs;
        const account = before ? describeChanges(site, compareHashes(before, record.outputs)) : `${site}: recorded ${Object.keys(record.outputs).length} files`;
        console.log(account || `${site}: no output changed`);
      }
    }
    recorded = UPDATE ? (JSON.parse(readFileSync(RECORD, 'utf8')) as HashRecord) : previous;
  });

  for (const site of Object.keys(SITES)) {
    it(`builds ${site} at ${FIXTURE_NOW} into the recorded files`, () => {
      // Given: the record (absent only before its first generation)
      expect(recorded, `${RECORD} is missing; generate it with UPDATE_OUTPUT_HASHES=1 npx vitest run test/engine/same-bytes.test.ts`).toBeDefined();
      const want = recorded!.sites[site];
      expect(want, `${RECORD} has no site "${site}"`).toBeDefined();
      const { code, errors, record } = built[site]!;
      // Then: the build succeeded, from the recorded input, into the recorded bytes
      expect(code, errors.join('\n')).toBe(0);
      expect(record.input, `the ${site} content folder is not the one recorded (content/, bench/generate-stories.mjs or test/engine/fixture-site.ts changed): the outputs cannot be compared`).toBe(want!.input);
      const account = describeChanges(site, compareHashes(want!.outputs, record.outputs));
      if (account) expect.fail(`output bytes differ from ${RECORD}\n${account}\nA deliberate output change regenerates the record (UPDATE_OUTPUT_HASHES=1) and names the change in its commit.`);
      expect(Object.keys(record.outputs).length).toBe(Object.keys(want!.outputs).length);
    });
  }
});
