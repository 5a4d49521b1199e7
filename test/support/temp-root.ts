/**
 * Vitest global setup: every temporary folder of a test run goes under one folder of its own,
 * removed when the run ends. Tests and the CLIs they spawn make folders with `os.tmpdir()`, which
 * reads TMPDIR, and workers and child processes inherit it; before, a full run left some 2 500
 * folders (build outputs, generated archives, s3rver buckets) in the machine's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'wirefeed-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
