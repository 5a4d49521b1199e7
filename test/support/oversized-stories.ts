/**
 * Story documents built to make the most output a story can: escaping-heavy bodies, subjects and
 * photos at their limits, each filled up to the 2 MB story limit. Shared by the CLI and the
 * Lambda tests of output size (issue 20, findings 4 and 9).
 */
import { ITEM_BYTE_BUDGET } from '../../functions/core/feed-form.js';
import { STORY_LIMITS } from '../../functions/core/ninjs/limits.js';
import { parseStory } from '../../functions/core/ninjs/parse-story.js';
import { buildFeedItem } from '../../functions/core/feed-item.js';
import { renderItem } from '../../functions/core/rendered-item.js';

/** A story document: plain JSON. */
export type StoryDocument = Record<string, unknown>;

/** A valid minimal story; `fields` are added or replace the defaults. */
export function storyDocument(name: string, fields: StoryDocument = {}): StoryDocument {
  return {
    uri: `urn:wirefeed:oversized:${name}`,
    version: '1',
    firstCreated: '2024-01-01T08:00:00Z',
    versionCreated: '2024-01-01T08:00:00Z',
    language: 'en',
    headlines: [{ role: 'main', value: `Oversized story ${name}` }],
    descriptions: [{ role: 'summary', value: `Summary of the oversized story ${name}.` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Short body.</p>' }],
    ...fields,
  };
}

/** `count` subjects, each name and uri `length` characters long, mostly ampersands (5 bytes each in XML). */
export function subjects(count: number, length: number): StoryDocument[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `Topic ${index} `;
    const uri = `https://cv.example.org/topics/${index}?`;
    return { name: name + '&'.repeat(length - name.length), uri: uri + 'a&'.repeat((length - uri.length) >> 1) };
  });
}

/**
 * The same story with `filler` repeated as many times as fit in the 2 MB story limit, at the place
 * `put` puts it. The count is found from the JSON size of one and two repeats, so escaping counts.
 */
export function filledTo2Mb(base: (text: string) => StoryDocument, filler: string, room = STORY_LIMITS.maxBytes - 64): StoryDocument {
  const size = (repeats: number) => Buffer.byteLength(JSON.stringify(base(filler.repeat(repeats))));
  const perRepeat = (size(100) - size(0)) / 100;
  const repeats = Math.floor((room - size(0)) / perRepeat);
  return base(filler.repeat(repeats));
}

/** `&amp; ` repeated: every 6 bytes of body become 10 in XML (the case of finding 9). */
export const AMP = '&amp; ';

/**
 * Bytes of `&amp; ` body that bring the story's feed item to just under the item budget: the
 * largest item the feeds still carry whole. Found from the item rendered without a body, each
 * `&amp; ` (6 bytes) taking 10 in RSS and Atom.
 */
export function bodyRoom(document: StoryDocument): number {
  const story = parseStory(JSON.stringify({ ...document, bodies: [] }), { source: 'worst.json', baseUrl: 'https://wire.example.org' });
  const photos = story.photos.map((photo) => ({ id: photo.id, label: photo.caption ?? story.title, ...(photo.caption !== undefined && { caption: photo.caption }), main: { url: photo.renditions[0]!.href, mimeType: 'image/jpeg' } }));
  const frame = renderItem(buildFeedItem(story, { photos, copies: [] }, 'https://wire.example.org')).bytes!;
  return Math.floor((ITEM_BYTE_BUDGET - frame - 1024) / 10) * 6;
}

/** A body of `&amp; ` of `bytes` bytes. */
export function ampBody(bytes: number): string {
  return AMP.repeat(Math.floor(bytes / AMP.length));
}

/** Photos at the limits: 50 pictures of 20 absolute renditions, hrefs and captions escape-heavy. */
export function photos(caption: string, hrefLength = 200): StoryDocument[] {
  return Array.from({ length: STORY_LIMITS.maxPhotos }, (_, p) => ({
    name: `photo${p}`,
    uri: `urn:wirefeed:oversized:photo:${p}`,
    type: 'picture',
    descriptions: [{ role: 'caption', value: `Caption ${p} ${caption}` }],
    by: `Photographer ${p} & "friends"`,
    renditions: Array.from({ length: STORY_LIMITS.maxRenditions }, (_, r) => {
      const href = `https://img.example.org/${p}/${r}.jpg?`;
      return { name: `r${r}`, href: href + 'a&'.repeat((hrefLength - href.length) >> 1), contentType: 'image/jpeg', width: 2000 - r * 50, height: 1500 - r * 30 };
    }),
  }));
}

/**
 * The worst cases we could construct, each a story file just under 2 MB. The ones whose feed
 * item lands just under the item budget are the largest in total: a bigger item gives up its body.
 */
export function worstCases(): Record<string, StoryDocument> {
  const limitSubjects = subjects(STORY_LIMITS.maxSubjects, STORY_LIMITS.maxSubjectLength);
  const justUnderBudget = ampBody(bodyRoom(storyDocument('subjects-budget', { subjects: limitSubjects })));
  return {
    'subjects at the limits, body just under the item budget': storyDocument('subjects-budget', {
      subjects: limitSubjects,
      bodies: [{ role: 'main', contentType: 'text/html', value: justUnderBudget }],
    }),
    'subjects at the limits, 2 MB body': filledTo2Mb((text) => storyDocument('subjects-body', {
      subjects: limitSubjects,
      bodies: [{ role: 'main', contentType: 'text/plain', value: text }],
    }), '"'),
    '50 photos × 20 renditions, captions filling 2 MB': filledTo2Mb((text) => storyDocument('photos', {
      subjects: limitSubjects,
      associations: photos(text),
    }), '"&<'),
    '50 photos × 20 renditions, body of &amp; filling 2 MB': filledTo2Mb((text) => storyDocument('photos-body', {
      associations: photos('"&<'.repeat(10)),
      bodies: [{ role: 'main', contentType: 'text/html', value: text }],
    }), AMP),
    '50 photos × 20 renditions of 1 KB hrefs, subjects at the limits': storyDocument('photos-hrefs', {
      subjects: limitSubjects,
      associations: photos('"&<'.repeat(10), 1000),
    }),
    'plain-text body of quotes (10 bytes each in XML)': filledTo2Mb((text) => storyDocument('quotes', {
      bodies: [{ role: 'main', contentType: 'text/plain', value: text }],
    }), '"'),
    'HTML body of &amp; (finding 9 at 2 MB)': filledTo2Mb((text) => storyDocument('amp', {
      bodies: [{ role: 'main', contentType: 'text/html', value: text }],
    }), AMP),
    'summary of quotes filling 2 MB': filledTo2Mb((text) => storyDocument('summary', {
      descriptions: [{ role: 'summary', value: text }],
      bodies: [],
    }), '"'),
  };
}
