/**
 * Content-Security-Policy for the site's HTML pages: nothing but our own stylesheet and images
 * (https anywhere, for external photos). No script, no inline style, no framing.
 */
export const PAGE_CSP = "default-src 'none'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * CSP for RSS and Atom documents opened in a browser: as strict as pages, except that the
 * browser may load our XSL stylesheet, which CSP governs as a script (`script-src`). The XSL only
 * emits escaped text, links, images and the site stylesheet.
 */
export const FEED_CSP = "default-src 'none'; script-src 'self'; img-src 'self' https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Security headers for a response of the given Content-Type (as stored, before browser relabelling). */
export function securityHeaders(contentType: string): Record<string, string> {
  const isXmlFeed = /^application\/(?:rss|atom)\+xml\b/i.test(contentType);
  return {
    'content-security-policy': isXmlFeed ? FEED_CSP : PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
