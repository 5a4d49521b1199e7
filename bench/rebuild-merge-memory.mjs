// Issue 24: the memory of merging a rebuild's scanned facts (readArchiveScan) at archive sizes the
// rebuilder may not hold (docs/performance.md §7). By hand only:
//
//   node --expose-gc [--max-old-space-size=1500] --import tsx bench/rebuild-merge-memory.mjs <stories>
//
// Synthetic facts (~375 bytes of JSON a story, two sections), in partitions of SCAN_BATCH as the scan
// children store them, served by in-memory ports. Prints the merge's CPU, the heap the merged scan
// keeps (after a forced GC), the peak RSS, and what the input itself held before the merge (this
// process keeps every partition's text; the rebuilder reads them from S3).
import { readArchiveScan } from '../functions/use-cases/rebuild/distributed-scan.ts';
import { SCAN_BATCH } from '../infra/rebuild-machine.ts';

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < SCAN_BATCH) throw new Error(`usage: node --expose-gc --import tsx bench/rebuild-merge-memory.mjs <stories ≥ ${SCAN_BATCH}>`);
if (!global.gc) throw new Error('run with --expose-gc');

const objects = new Map();
const listing = [];
for (let p = 0; p < count / SCAN_BATCH; p += 1) {
  const scanned = [];
  for (let i = 0; i < SCAN_BATCH; i += 1) {
    const n = p * SCAN_BATCH + i;
    const key = `story-${String(n).padStart(7, '0')}.json`;
    const etag = `"${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}0123456789abcdef01234567"`;
    const date = new Date(1.6e12 + n * 9.4e6).toISOString();
    listing.push({ key, etag });
    scanned.push({ key, etag, uri: `urn:newsml:wire.example.org:2024:story-${n}`, version: '1', published: date, updated: date, status: 'usable', sections: [{ slug: 'politics', name: 'Politics' }, { slug: 'conflict-war-and-peace', name: 'Conflict, war and peace' }] });
  }
  objects.set(`scan/${p}.json`, JSON.stringify({ keys: scanned.map((facts) => facts.key), scanned, rejected: [] }));
}
const ctx = {
  state: { list: async () => ({ objects: [...objects.keys()].map((key) => ({ key })) }), readJson: async (key) => ({ value: JSON.parse(objects.get(key)) }) },
  content: { prefix: 'stories/', listStoryFiles: async () => listing },
};
global.gc();
const input = process.memoryUsage().heapUsed;
const before = process.cpuUsage();
const scan = await readArchiveScan(ctx, 'memory');
const { user, system } = process.cpuUsage(before);
global.gc();
const kept = process.memoryUsage().heapUsed - input;
console.log(
  JSON.stringify({
    stories: scan.scanned.length,
    inputMb: [...objects.values()].reduce((sum, text) => sum + text.length, 0) / 1e6,
    cpuS: (user + system) / 1e6,
    keptHeapMb: kept / 1e6,
    keptBytesPerStory: kept / scan.scanned.length,
    inputHeapMb: input / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
