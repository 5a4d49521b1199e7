// Issue 24: the memory of the rebuild's order step (writeRunOrder: merge the scanned facts, order
// them, write the time partitions) at archive sizes the rebuilder may not hold (docs/performance.md
// §7). By hand only:
//
//   node --expose-gc [--max-old-space-size=1500] --import tsx bench/rebuild-merge-memory.mjs <stories> [warm]
//
// An empty site by default (a first import: the ETag listing finds nothing); `warm` lists every
// story's item as published, so the listing fills its budget (LISTED_KEYS) and looks up owners.
//
// Synthetic facts (~375 bytes of JSON a story, two sections), in partitions of SCAN_BATCH as the scan
// children store them, served by in-memory ports (the partitions' bytes outside the heap, as S3's
// answers are); what the step writes is counted, not kept. Prints the step's CPU, the heap it keeps
// once the partitions are merged and ordered (after a forced GC), its peak heap (sampled every 20 ms and at each port call,
// uncollected garbage included) and the process's peak RSS (the partitions' bytes included).
import { writeRunOrder } from '../functions/use-cases/rebuild/run-order.ts';
import { RENDER_PARTITION, SCAN_BATCH } from '../infra/rebuild-machine.ts';
import { S3_STATE_KEYS as keys } from '../functions/adapters/s3-state-layout.ts';
import { sourceHash } from '../functions/core/incremental/layout.ts';

const count = Number(process.argv[2]);
const warm = process.argv[3] === 'warm';
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
// The published items by their hash's first two digits, as raw bytes outside the heap.
const items = new Map();
if (warm) {
  const hashes = Array.from({ length: count }, (_, n) => sourceHash(`stories/story-${String(n).padStart(7, '0')}.json`)).sort();
  for (let at = 0; at < hashes.length; ) {
    let end = at;
    while (end < hashes.length && hashes[end].slice(0, 2) === hashes[at].slice(0, 2)) end += 1;
    items.set(hashes[at].slice(0, 2), Buffer.from(hashes.slice(at, end).join(''), 'hex'));
    at = end;
  }
}
const itemsUnder = (prefix) => {
  const under = prefix.slice(keys.items.length, keys.items.length + 2);
  return [...items]
    .filter(([first]) => first.startsWith(under))
    .flatMap(([, bytes]) => Array.from({ length: bytes.length / 16 }, (_, n) => ({ key: keys.item(bytes.toString('hex', n * 16, n * 16 + 16)), etag: '"0123456789abcdef0123456789abcdef"' })))
    .filter(({ key }) => key.startsWith(prefix));
};
let peakHeap = 0;
// At every port call too: the in-memory ports answer at once, so the step may run for seconds without the timer's turn.
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
let written = 0;
let writtenBytes = 0;
const ctx = {
  now: new Date('2026-12-07T00:00:00Z'),
  content: { prefix: '' },
  state: {
    keys,
    list: async (prefix) => (sample(), { objects: prefix.startsWith(keys.items) ? itemsUnder(prefix) : [...objects.keys()].filter((key) => key.startsWith(prefix)).map((key) => ({ key, etag: '"x"' })) }),
    readJson: async (key) => (sample(), { value: JSON.parse(objects.get(key).toString()), etag: '"x"' }),
    put: async (_key, body) => {
      sample();
      written += 1;
      writtenBytes += body.length;
      return '"x"';
    },
  },
};
global.gc();
const input = process.memoryUsage().heapUsed;
peakHeap = input;
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
    site: warm ? 'warm' : 'empty',
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
