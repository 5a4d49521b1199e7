import { describe, expect, it } from 'vitest';
import { sanitizeBodyHtml } from './sanitize-body.js';

describe('sanitizeBodyHtml', () => {
  it('resolves relative URLs under a base URL that has a path', () => {
    // Given: a site published under /wire, as the conformance fixtures are.
    const html = sanitizeBodyHtml('<p><img src="media/a%20b.jpg" alt=""><a href="stories/x.html">x</a><a href="/about">about</a></p>', { baseUrl: 'https://feeds.example.org/wire' });
    // Then: relative paths keep /wire; a root-relative path stays at the origin root.
    expect(html).toContain('src="https://feeds.example.org/wire/media/a%20b.jpg"');
    expect(html).toContain('href="https://feeds.example.org/wire/stories/x.html"');
    expect(html).toContain('href="https://feeds.example.org/about"');
  });
});
