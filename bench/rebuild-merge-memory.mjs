// Issue 24: the memory of the rebuild's order step (writeRunOrder: merge the scanned facts, order
// them, write the time partitions) at archive sizes the rebuilder may not hold (docs/performance.md
// §7). By hand only:
//
//   node --expose-gc [--max-old-space-size=1500] --import tsx bench/rebuild-merge-memory.mjs <stories>
//
// Synthetic facts (~375 bytes of JSON a story, two sections), in partitions of SCAN_BATCH as the scan
// children store them, served by in-memory ports (the partitions' bytes outside the heap, as S3's
// answers are); what the step writes is counted, not kept. Prints the step's CPU, the heap it keeps
// once the partitions are merged and ordered (after a forced GC), its peak heap (sampled every 20 ms,
// uncollected garbage included) and the process's peak RSS (the partitions' bytes included).
import { writeRunOrder } from '../functions/use-cases/rebuild/run-order.ts';
import { RENDER_PARTITION, SCAN_BATCH } from '../infra/rebuild-machine.ts';

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < SCAN_BATCH) throw new Error(`usage: node --expose-gc --import tsx bench/rebuild-merge-memory.mjs <stories ≥ ${SCAN_BATCH}>`);
if (!global.gc) throw new Error('run with --expose-gc');

const objects = new Map();
for (let p = 0; p < count / SCAN_BATCH; p += 1) {
  const scanned = [];
  for (let i = 0; i < SCAN_BATCH; i += 1) {
    const n = p * SCAN_BATCH + i;
    const key = `stories/story-${String(n).padStart(7, '0')}.json`;
    const etag = `"${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}0123456789abcdef01234567"`;
    const date = new Date(1.6e12 + ((n * 7919) % count) * 9.4e6).toISOString();
    scanned.push({ key, etag, id: `urn:newsml:wire.example.org:2024:story-${n}`, version: '1', source: key, published: date, updated: date, status: 'usable', sections: [{ slug: 'politics', name: 'Politics' }, { slug: 'conflict-war-and-peace', name: 'Conflict, war and peace' }] });
  }
  // Outside the heap, as the bytes an S3 read returns: --max-old-space-size then limits the step alone.
  objects.set(`_wirefeed/rebuild/memory/scan/${p}.json`, Buffer.from(JSON.stringify({ keys: scanned.map((facts) => facts.key), scanned, rejected: [] })));
}
let written = 0;
let writtenBytes = 0;
const ctx = {
  now: new Date('2026-12-07T00:00:00Z'),
  content: { prefix: '' },
  state: {
    list: async (prefix) => ({ objects: [...objects.keys()].filter((key) => key.startsWith(prefix)).map((key) => ({ key })) }),
    readJson: async (key) => ({ value: JSON.parse(objects.get(key).toString()), etag: '"x"' }),
    put: async (_key, body) => {
      written += 1;
      writtenBytes += body.length;
      return '"x"';
    },
  },
};
global.gc();
const input = process.memoryUsage().heapUsed;
let peakHeap = input;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
const before = process.cpuUsage();
const order = await writeRunOrder(ctx, 'memory', RENDER_PARTITION);
const { user, system } = process.cpuUsage(before);
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
if (order.stories !== count) throw new Error(`ordered ${order.stories} of ${count}`);
console.log(
  JSON.stringify({
    stories: order.stories,
    partitions: order.partitions.length,
    objectsWritten: written,
    writtenMb: writtenBytes / 1e6,
    inputMb: [...objects.values()].reduce((sum, bytes) => sum + bytes.length, 0) / 1e6,
    cpuS: (user + system) / 1e6,
    peakHeapAboveInputMb: (peakHeap - input) / 1e6,
    peakHeapBytesPerStory: (peakHeap - input) / count,
    inputHeapMb: input / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
