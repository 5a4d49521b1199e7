// Where a published story can be read: the feed files of a site bucket that show it, read from
// s3rver's folder on disk (not through the proxy, so checking adds no request to the counts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FORMATS = ['rss.xml', 'atom.xml', 'feed.json'];

/** s3rver keeps each object as `<bucket>/<key>._S3rver_object`. */
const objectFile = (directory, bucket, key) => join(directory, bucket, `${key}._S3rver_object`);

/** Every feed of the site: the main one and one per section folder (`sections/<slug>/`). */
function feedFolders(directory, bucket) {
  const sections = join(directory, bucket, 'sections');
  const names = existsSync(sections) ? readdirSync(sections, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `sections/${entry.name}/`) : [];
  return ['', ...names];
}

/**
 * How many feed files (RSS, Atom and JSON Feed of every feed) name the story `slug`. A bench story
 * has two subjects, so a story visible in every feed it belongs to is in 3 feeds × 3 formats = 9.
 */
export function feedFilesShowing(directory, bucket, slug) {
  const needle = Buffer.from(slug);
  let count = 0;
  for (const folder of feedFolders(directory, bucket)) {
    for (const format of FORMATS) {
      const file = objectFile(directory, bucket, `${folder}${format}`);
      if (existsSync(file) && readFileSync(file).includes(needle)) count += 1;
    }
  }
  return count;
}

/** Feed files a seed-like story is in once published: the main feed and its two sections, three formats each. */
export const FEED_FILES_PER_STORY = 9;
