import { describe, expect, it } from 'vitest';
import type { Story } from '../story.js';
import { isKilled } from './killed-story.js';
import { chooseRendition } from './choose-rendition.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const story = (fields: Partial<Story>) => ({ status: 'canceled', published: new Date('2026-03-10T08:00:00Z'), updated: new Date('2026-03-10T10:00:00Z'), ...fields }) as Story;

describe('isKilled', () => {
  it('is a kill when a public story is canceled or withheld in a later version', () => {
    expect(isKilled(story({}), NOW)).toBe(true);
    expect(isKilled(story({ status: 'withheld' }), NOW)).toBe(true);
  });

  it('is no kill for a usable story, a first version already canceled, or a take-down dated after now', () => {
    expect(isKilled(story({ status: 'usable' }), NOW)).toBe(false);
    expect(isKilled(story({ updated: new Date('2026-03-10T08:00:00Z') }), NOW)).toBe(false);
    expect(isKilled(story({ updated: new Date('2026-03-10T13:00:00Z') }), NOW)).toBe(false);
  });

  it('is no kill when the embargo had not lifted before the take-down: the story never ran', () => {
    expect(isKilled(story({ embargoedUntil: new Date('2026-03-10T11:00:00Z') }), NOW)).toBe(false);
    expect(isKilled(story({ embargoedUntil: new Date('2026-03-10T09:00:00Z') }), NOW)).toBe(true);
  });
});

describe('chooseRendition', () => {
  const photo = {
    id: 'p',
    label: 'p',
    main: { url: 'https://x/1600.jpg', mimeType: 'image/jpeg', width: 1600, height: 1000 },
    thumbnail: { url: 'https://x/400.jpg', mimeType: 'image/jpeg', width: 400, height: 250 },
  };

  it('takes the smallest rendition at least minWidth wide, else the largest', () => {
    expect(chooseRendition(photo, 300).url).toBe('https://x/400.jpg');
    expect(chooseRendition(photo, 400).url).toBe('https://x/400.jpg');
    expect(chooseRendition(photo, 401).url).toBe('https://x/1600.jpg');
    expect(chooseRendition(photo, 2000).url).toBe('https://x/1600.jpg');
    expect(chooseRendition(photo, undefined).url).toBe('https://x/1600.jpg');
  });
});
