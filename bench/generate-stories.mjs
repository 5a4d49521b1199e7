// Writes N seed-like ninjs stories into a temp content folder: ≈15 paragraphs like
// content/stories/vienna-talks-syria.json, 4 photos with 2 renditions each, varied subjects and dates.
// Photos share the seed's 8 small JPEGs by path: their bytes are not what is measured, but every
// rendition exists, so media planning runs as in a real build. `uniquePhotos`: each story has 8
// files of its own instead (the seed's first KB, then the story's number: distinct content hashes,
// so distinct published paths), as a wire story's photos are.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SEED_MEDIA = 'content/media/vienna-talks';

const SUBJECTS = [
  ['Politics', 'http://cv.iptc.org/newscodes/mediatopic/11000000'],
  ['Conflict, war and peace', 'http://cv.iptc.org/newscodes/mediatopic/16000000'],
  ['Economy, business and finance', 'http://cv.iptc.org/newscodes/mediatopic/04000000'],
  ['Sport', 'http://cv.iptc.org/newscodes/mediatopic/15000000'],
  ['Science and technology', 'http://cv.iptc.org/newscodes/mediatopic/13000000'],
  ['Health', 'http://cv.iptc.org/newscodes/mediatopic/07000000'],
  ['Environment', 'http://cv.iptc.org/newscodes/mediatopic/06000000'],
  ['Arts, culture & entertainment', 'http://cv.iptc.org/newscodes/mediatopic/01000000'],
  ['Crime, law and justice', 'http://cv.iptc.org/newscodes/mediatopic/02000000'],
  ['Disaster, accident and emergency', 'http://cv.iptc.org/newscodes/mediatopic/03000000'],
  ['Education', 'http://cv.iptc.org/newscodes/mediatopic/05000000'],
  ['Weather', 'http://cv.iptc.org/newscodes/mediatopic/17000000'],
];
const PLACES = ['Vienna', 'Berlin', 'Nairobi', 'São Paulo', 'Tokyo', 'Ottawa', 'Canberra', 'Cairo', 'Oslo', 'Lima', 'Hanoi', 'Zürich'];
const WORDS = (
  'the minister said talks would continue next week although several delegations left early ' +
  'officials confirmed that the agreement covers trade energy and security matters in the region ' +
  'observers noted a shift in tone after the meeting while critics called the plan "unrealistic" ' +
  'markets rose & fell sharply as investors weighed <new> figures from the central bank on Friday ' +
  'residents told reporters they had waited hours for news about relatives near the border crossing'
).split(' ');
const AGENCIES = ['Xinhua', 'TT', 'dpa', 'AP', 'Reuters', 'AFP'];
/** Story n is first published n × this after 2022-01-01, plus up to an hour of jitter. */
export const STORY_SPACING_MS = 9_400_000;

/** A small deterministic PRNG (mulberry32), so every run generates the same archive (tests seed jitter with it too). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next, words) {
  const out = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function paragraph(next) {
  const sentences = 2 + Math.floor(next() * 2);
  return Array.from({ length: sentences }, () => sentence(next, 12 + Math.floor(next() * 10))).join(' ');
}

/**
 * One ninjs 3.1 story, the n-th of the archive. `shiftMs` moves its dates (the Lambda bench, whose
 * clock is the real one, shifts the archive so every story is already released).
 */
export function seedLikeStory(n, { shiftMs = 0, uniquePhotos = false } = {}) {
  const folder = uniquePhotos ? `media/${String(n).padStart(6, '0')}` : 'media/shared';
  const next = seededRandom(n + 1);
  const place = PLACES[n % PLACES.length];
  const agency = AGENCIES[n % AGENCIES.length];
  const slug = `story-${String(n).padStart(6, '0')}`;
  const uri = `urn:newsml:wire.example.org:${slug}`;
  // Spread over about three years, one story every ~2.6 hours, with some jitter.
  const published = new Date(Date.UTC(2022, 0, 1) + shiftMs + n * STORY_SPACING_MS + Math.floor(next() * 3_600_000));
  const updated = new Date(published.getTime() + Math.floor(next() * 7_200_000));
  const first = Math.floor(next() * SUBJECTS.length);
  const subjects = [SUBJECTS[first], SUBJECTS[(first + 1 + Math.floor(next() * 3)) % SUBJECTS.length]];
  const paragraphs = Array.from({ length: 15 }, () => `<p>${escapeHtml(paragraph(next))}</p>`);
  const summary = sentence(next, 28);
  const photos = [1, 2, 3, 4].map((p) => ({
    name: `photo${p}`,
    uri: `${uri}:photo${p}`,
    type: 'picture',
    headlines: [{ role: 'main', value: `${place}: ${sentence(next, 10)}` }],
    descriptions: [{ role: 'caption', value: `${sentence(next, 25)} ${sentence(next, 20)}` }],
    by: `${agency}/Photographer ${p}`,
    copyrightHolder: agency,
    renditions: [
      { name: 'highres', title: 'High resolution', href: `${folder}/photo${p}-1600.jpg`, contentType: 'image/jpeg', width: 1600, height: 1067 },
      { name: 'thumbnail', title: 'Thumbnail', href: `${folder}/photo${p}-400.jpg`, contentType: 'image/jpeg', width: 400, height: 267 },
    ],
  }));
  return {
    uri,
    type: 'text',
    profile: 'text-photo',
    version: '1',
    firstCreated: published.toISOString(),
    versionCreated: updated.toISOString(),
    pubStatus: 'usable',
    copyrightHolder: agency,
    language: 'en',
    by: agency,
    located: place,
    headlines: [{ role: 'main', value: `${place}: ${sentence(next, 12).slice(0, -1)}` }],
    descriptions: [{ role: 'summary', value: summary }],
    bodies: [{ role: 'main', contentType: 'text/html', value: paragraphs.join('') }],
    subjects: subjects.map(([name, subjectUri]) => ({ name, uri: subjectUri })),
    places: [{ name: place, rel: 'located' }],
    associations: photos,
  };
}

function escapeHtml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Creates a content folder with `count` stories, `site.json` and the shared photos (or each story's own); returns its path. */
export function generateContent(count, { itemLimit = 50, shiftMs = 0, uniquePhotos = false, dir = mkdtempSync(join(tmpdir(), `wirefeed-bench-${count}-`)) } = {}) {
  mkdirSync(join(dir, 'stories'), { recursive: true });
  mkdirSync(join(dir, 'media', 'shared'), { recursive: true });
  for (const name of readdirSync(SEED_MEDIA)) cpSync(join(SEED_MEDIA, name), join(dir, 'media', 'shared', name));
  writeFileSync(
    join(dir, 'site.json'),
    JSON.stringify({ title: 'wirefeed bench wire', description: 'Seed-like generated stories', baseUrl: 'https://wire.example.org', language: 'en', itemLimit }),
  );
  const seed = readdirSync(SEED_MEDIA).map((name) => [name, readFileSync(join(SEED_MEDIA, name)).subarray(0, 1024)]);
  for (let n = 0; n < count; n += 1) {
    const number = String(n).padStart(6, '0');
    if (uniquePhotos) {
      mkdirSync(join(dir, 'media', number));
      for (const [name, head] of seed) writeFileSync(join(dir, 'media', number, name), Buffer.concat([head, Buffer.from(`wirefeed bench story ${number}`)]));
    }
    writeFileSync(join(dir, 'stories', `story-${number}.json`), JSON.stringify(seedLikeStory(n, { shiftMs, uniquePhotos }), null, 2));
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 1000);
  console.log(generateContent(count, process.argv[3] ? { dir: process.argv[3] } : {}));
}
