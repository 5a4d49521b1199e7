import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** A running `wirefeed preview` child process and the base URL it serves. */
export interface PreviewProcess {
  child: ChildProcess;
  base: string;
  /** Everything it printed to stderr so far, the lines after the URL included. */
  printed(): string;
  stop(): void;
}

/**
 * Compiles the CLI and starts `wirefeed preview` as `npm start` does, on a free port (PORT=0),
 * resolving once it prints its URL.
 */
export function startPreview(contentDir: string, outDir: string): Promise<PreviewProcess> {
  execFileSync(process.execPath, ['scripts/build.mjs']);
  const child = spawn(process.execPath, ['bin/wirefeed.js', 'preview', '--content', contentDir, '--out', outDir], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /preview at (http:\/\/localhost:\d+)\//.exec(stderr);
      if (match) resolve({ child, base: match[1]!, printed: () => stderr, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
  });
}
