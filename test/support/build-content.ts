import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../functions/handlers/cli.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  errors: string[];
  info: string[];
  outDir: string;
  read(path: string): string;
}

/** Runs the CLI in-process (`wirefeed <command> …`) into a fresh temp folder and captures its output. */
export async function runCli(args: string[], outDir = mkdtempSync(join(tmpdir(), 'wirefeed-out-'))): Promise<CliRun> {
  const errors: string[] = [];
  const info: string[] = [];
  const code = await main(args.map((arg) => (arg === '$OUT' ? outDir : arg)), { error: (l) => errors.push(l), info: (l) => info.push(l) });
  return { code, errors, info, outDir, read: (path) => readFileSync(join(outDir, path), 'utf8') };
}
