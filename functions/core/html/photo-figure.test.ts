import { describe, expect, it } from 'vitest';
import { photoFigure, photoFigureParts } from './photo-figure.js';
import type { PublishedPhoto } from '../media/published-photo.js';

const BASE = 'https://wire.example.org';
const photo = (main: string, thumbnail?: string): PublishedPhoto => ({
  id: 'p',
  caption: 'A "caption" <b>as text</b>',
  label: 'p',
  main: { url: main, mimeType: 'image/jpeg', width: 800, height: 600 },
  ...(thumbnail && { thumbnail: { url: thumbnail, mimeType: 'image/jpeg', width: 200, height: 150 } }),
});

describe('photoFigure', () => {
  it('shows the main rendition with its caption as text', () => {
    expect(photoFigure(photo('https://cdn.example/p.jpg'), BASE)).toBe(
      '<figure><img src="https://cdn.example/p.jpg" alt="A &quot;caption&quot; &lt;b&gt;as text&lt;/b&gt;" width="800" height="600" /><figcaption>A &quot;caption&quot; &lt;b&gt;as text&lt;/b&gt;</figcaption></figure>',
    );
  });

  it('shows no plain-http photo from elsewhere in the body, falling back to an https thumbnail', () => {
    expect(photoFigure(photo('http://insecure.example/p.jpg'), BASE)).toBe('');
    expect(photoFigure(photo('http://insecure.example/p.jpg', 'https://cdn.example/t.jpg'), BASE)).toContain('<img src="https://cdn.example/t.jpg"');
  });

  it('shows the site\'s own photos on an http site (preview)', () => {
    expect(photoFigure(photo('http://localhost:8080/media/0123/p.jpg'), 'http://localhost:8080')).toContain('<img src="http://localhost:8080/media/0123/p.jpg"');
  });

  it('encodes a caption\'s tab and newline in the alt attribute only, and joins the credit after a dash', () => {
    const figure = photoFigure({ ...photo('https://cdn.example/p.jpg'), caption: 'Line one\nline\ttwo & more', credit: 'A <B>' }, BASE);
    expect(figure).toContain('alt="Line one&#10;line&#9;two &amp; more"');
    expect(figure).toContain('<figcaption>Line one\nline\ttwo &amp; more — A &lt;B&gt;</figcaption>');
  });
});

describe('photoFigureParts', () => {
  it('keeps the dash before the credit a part of its own', () => {
    const photoWithCredit = { ...photo('https://cdn.example/p.jpg'), credit: 'Agency' };
    const parts = photoFigureParts(photoWithCredit, BASE);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toBe(' — ');
    expect(parts.join('')).toBe(photoFigure(photoWithCredit, BASE));
    expect(parts.join('')).toContain('<figcaption>A &quot;caption&quot; &lt;b&gt;as text&lt;/b&gt; — Agency</figcaption></figure>');
  });

  it('writes a figcaption only when there is caption or credit text', () => {
    const bare = { ...photo('https://cdn.example/p.jpg'), caption: '' };
    expect(photoFigureParts(bare, BASE)).toEqual(['<figure><img src="https://cdn.example/p.jpg" alt="" width="800" height="600" /></figure>']);
    expect(photoFigureParts({ ...bare, credit: 'Agency' }, BASE).join('')).toContain('<figcaption> — Agency</figcaption>');
    expect(photoFigureParts({ id: 'p', label: 'p', credit: 'Agency', main: { url: 'https://cdn.example/p.jpg', mimeType: 'image/jpeg' } }, BASE).join('')).toContain('<figcaption>Agency</figcaption>');
  });

  it('has no parts for a photo the body cannot show', () => {
    expect(photoFigureParts(photo('http://insecure.example/p.jpg'), BASE)).toEqual([]);
  });
});
