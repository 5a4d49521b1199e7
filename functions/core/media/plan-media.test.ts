import { describe, expect, it } from 'vitest';
import type { Story } from '../story.js';
import { encodePath, planMedia } from './plan-media.js';

const story = (mimeType: string, href: string): Story => ({
  id: 'urn:test:1', version: '1', title: 'T', bodyHtml: '', authors: [], categories: [], status: 'usable',
  published: new Date(0), updated: new Date(0), source: 'test.json',
  photos: [{ id: 'p', renditions: [{ href, pointer: '/renditions/0', mimeType }] }],
});

describe('planMedia', () => {
  it('publishes the registered type image/jpeg when a source says image/jpg (as the AP ninjs examples do)', () => {
    // Given: an external photo and a local one, both declared image/jpg.
    const external = planMedia(story('image/jpg', 'https://img.example.net/a.jpg'), () => undefined, 'https://x.example');
    const local = planMedia(story('image/jpg', 'media/a.jpg'), () => ({ bytes: 3, hash: 'ab'.repeat(32), type: 'image/jpeg' }), 'https://x.example');
    // Then: feeds and the stored object both carry image/jpeg.
    expect(external.photos[0]!.main.mimeType).toBe('image/jpeg');
    expect(local.photos[0]!.main.mimeType).toBe('image/jpeg');
    expect(local.copies[0]!.mimeType).toBe('image/jpeg');
  });

  it('refuses a local file whose bytes are no published image type, naming the file at the href', () => {
    // Given: an HTML page and an SVG, both declared image/jpeg.
    for (const path of ['media/evil.html', 'media/evil.svg', 'media/evil.jpg']) {
      const plan = planMedia(story('image/jpeg', path), () => ({ bytes: 3, hash: 'ab'.repeat(32), type: undefined }), 'https://x.example');
      // Then: nothing is copied or published, and the problem says which file.
      expect(plan.copies).toEqual([]);
      expect(plan.photos).toEqual([]);
      expect(plan.problems).toEqual([{ pointer: '/renditions/0/href', message: `${path} is not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes); only those are published` }]);
    }
  });

  it('publishes the type the bytes are, under a name ending in its extension', () => {
    // Given: a PNG declared and named as a JPEG, a JPEG named .html, and a JPEG named .JPEG.
    const planOf = (href: string, type: string) => planMedia(story('image/jpeg', href), () => ({ bytes: 3, hash: 'ab'.repeat(32), type }), 'https://x.example');
    const png = planOf('media/a.jpg', 'image/png');
    const html = planOf('media/b.html', 'image/jpeg');
    const upper = planOf('media/c.JPEG', 'image/jpeg');
    // Then: the feed, the copy and the file name agree with the bytes.
    expect(png.photos[0]!.main).toMatchObject({ mimeType: 'image/png', url: `https://x.example/media/${'ab'.repeat(8)}/a.jpg.png` });
    expect(png.copies).toEqual([{ source: 'media/a.jpg', target: `media/${'ab'.repeat(8)}/a.jpg.png`, mimeType: 'image/png' }]);
    expect(html.copies[0]!.target).toBe(`media/${'ab'.repeat(8)}/b.html.jpg`);
    expect(upper.copies[0]!.target).toBe(`media/${'ab'.repeat(8)}/c.JPEG`);
  });

  it('keeps registered types as they are', () => {
    expect(planMedia(story('image/webp', 'https://img.example.net/a.webp'), () => undefined, 'https://x.example').photos[0]!.main.mimeType).toBe('image/webp');
  });
});

describe('encodePath', () => {
  it('encodes each segment as encodeURIComponent does, keeping the slashes', () => {
    expect(encodePath('media/hard/Café photo ü.jpg')).toBe('media/hard/Caf%C3%A9%20photo%20%C3%BC.jpg');
    expect(encodePath('media/a#b?c&d.jpg')).toBe('media/a%23b%3Fc%26d.jpg');
  });

  it("returns a path of characters encodeURIComponent keeps as it is (A-Z a-z 0-9 - _ . ! ~ * ' ( ))", () => {
    const path = "media/AZ-az_09.!~*'()/x.jpg";
    expect(encodePath(path)).toBe(path.split('/').map(encodeURIComponent).join('/'));
  });
});

describe('planMedia labels', () => {
  it('numbers photos whose caption repeats or is missing, and keeps a unique caption as the label', () => {
    // Given: two photos with one caption, one with its own, one without.
    const photo = (id: string, caption?: string) => ({ id, ...(caption !== undefined && { caption }), renditions: [{ href: `https://img.example.net/${id}.jpg`, pointer: '/r', mimeType: 'image/jpeg' }] });
    const base = story('image/jpeg', 'https://img.example.net/x.jpg');
    const plan = planMedia({ ...base, title: 'Headline', photos: [photo('a', 'Same'), photo('b', 'Own'), photo('c', 'Same'), photo('d')] }, () => undefined, 'https://x.example');
    // Then: JSON Feed attachment titles stay unique.
    expect(plan.photos.map((p) => p.label)).toEqual(['Same (photo 1 of 4)', 'Own', 'Same (photo 3 of 4)', 'Headline (photo 4 of 4)']);
  });
});
