/**
 * Two stories that the former 32-bit page hash and slug rule merged: uris that differ only in their
 * query (both were `stories/article-5916faeb.html`), and subjects whose readable slugs are all `c`.
 * Each shows a photo of the same file name but different bytes. Shared by the CLI and Lambda tests,
 * so both paths meet the very same input.
 */

/** A real JPEG from the sample content, one per story (their bytes differ). */
export const COLLIDING_PHOTOS = ['content/media/costa-concordia-photo/small-179.jpg', 'content/media/costa-concordia-trial/mainpic-179.jpg'] as const;

/** What each story carries, and what a reader must find for it. */
export const COLLIDING = [
  { file: 'article-2419', uri: 'https://news.example/article?id=2419', headline: 'Compilers meet in Vienna', subjects: ['C++', 'Politics'], photo: 'media/a/photo.jpg' },
  { file: 'article-664596', uri: 'https://news.example/article?id=664596', headline: 'Type systems reach the summit', subjects: ['C', 'C#'], photo: 'media/b/photo.jpg' },
] as const;

/** Every distinct subject of the two stories, with the uri of the one story carrying it (Politics: the first). */
export const COLLIDING_SUBJECTS: ReadonlyArray<[name: string, uri: string]> = COLLIDING.flatMap((story) => story.subjects.map((name): [string, string] => [name, story.uri]));

/** The ninjs 3.1 document of story `index`, at `version`. */
export function collidingStory(index: 0 | 1, version = 1): Record<string, unknown> {
  const story = COLLIDING[index];
  const published = new Date(Date.UTC(2024, 0, 1, 9, index)).toISOString();
  return {
    uri: story.uri,
    type: 'text',
    version: String(version),
    firstCreated: published,
    versionCreated: new Date(Date.parse(published) + (version - 1) * 60_000).toISOString(),
    pubStatus: 'usable',
    language: 'en',
    headlines: [{ role: 'main', value: version > 1 ? `${story.headline} (corrected)` : story.headline }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>${story.headline}: the body.</p>` }],
    subjects: story.subjects.map((name) => ({ name })),
    associations: [{ name: 'photo1', uri: `${story.uri}#photo1`, type: 'picture', headlines: [{ role: 'main', value: `Photo for ${story.headline}` }], renditions: [{ name: 'main', href: story.photo, contentType: 'image/jpeg', width: 179, height: 117 }] }],
  };
}
