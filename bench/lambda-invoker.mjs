// A stand-in for one Lambda container, forked by bench/publish-one.mjs: imports the bundled handler
// when told to, then runs each event its parent sends and answers with wall and CPU ms. A process
// of its own, so its CPU is the handler's (with the SDK's), not that of s3rver in the parent.
import { pathToFileURL } from 'node:url';

let handler;

/** Wall ms, CPU ms (user + system) and peak RSS of `run()`, with its result. */
async function timed(run) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const wallMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (user + system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, result };
}

process.on('message', async (message) => {
  try {
    // Exits normally, so a `--cpu-prof` profile is written.
    if (message.exit) process.exit(0);
    if (message.import) {
      process.send(await timed(async () => void ({ handler } = await import(pathToFileURL(message.import).href))));
    } else {
      process.send(await timed(() => handler(message.invoke)));
    }
  } catch (error) {
    process.send({ error: error?.stack ?? String(error) });
  }
});
