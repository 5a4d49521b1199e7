import { describe, expect, it } from 'vitest';
import type { Story } from '../story.js';
import { planMedia } from './plan-media.js';

const story = (mimeType: string, href: string): Story => ({
  id: 'urn:test:1', version: '1', title: 'T', bodyHtml: '', authors: [], categories: [], status: 'usable',
  published: new Date(0), updated: new Date(0), source: 'test.json',
  photos: [{ id: 'p', renditions: [{ href, pointer: '/renditions/0', mimeType }] }],
});

describe('planMedia', () => {
  it('publishes the registered type image/jpeg when a source says image/jpg (as the AP ninjs examples do)', () => {
    // Given: an external photo and a local one, both declared image/jpg.
    const external = planMedia(story('image/jpg', 'https://img.example.net/a.jpg'), () => undefined, 'https://x.example');
    const local = planMedia(story('image/jpg', 'media/a.jpg'), () => ({ bytes: 3, hash: 'ab'.repeat(32) }), 'https://x.example');
    // Then: feeds and the stored object both carry image/jpeg.
    expect(external.photos[0]!.main.mimeType).toBe('image/jpeg');
    expect(local.photos[0]!.main.mimeType).toBe('image/jpeg');
    expect(local.copies[0]!.mimeType).toBe('image/jpeg');
  });

  it('keeps registered types as they are', () => {
    expect(planMedia(story('image/webp', 'https://img.example.net/a.webp'), () => undefined, 'https://x.example').photos[0]!.main.mimeType).toBe('image/webp');
  });
});
