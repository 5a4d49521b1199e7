/**
 * The URLs a sanitized body may carry: links resolved to absolute http(s)/mailto, images only
 * from https or from the site itself, and no other scheme in any URL attribute.
 */

/** Resolves a link against the site; undefined for anything that is not http, https or mailto. */
export function absoluteUrl(value: string | undefined, base: URL): string | undefined {
  return resolve(value, base)?.href;
}

/** Resolves an image source; only https, or the site's own origin, may serve a body's images. */
export function resolveImage(value: string | undefined, base: URL): string | undefined {
  const url = resolve(value, base);
  return url && (url.protocol === 'https:' || url.origin === base.origin) ? url.href : undefined;
}

function resolve(value: string | undefined, base: URL): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') return url;
  } catch {
    // Not a URL we can resolve: drop the attribute rather than pass something readers would guess at.
  }
  return undefined;
}

const IGNORED_IN_URLS = /[\u0000-\u0020]+/g;
const COMMENT = /<!--[\s\S]*?-->/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/;
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

/**
 * True when a URL attribute's value names only an allowed scheme, or none (a relative URL). Spaces,
 * controls and comments are removed before the scheme is read, as browsers skip some of them
 * (`java\tscript:`); a protocol-relative `//host` is refused, since feed readers resolve it
 * against a base nobody knows.
 */
export function hasAllowedScheme(value: string, schemes: readonly string[]): boolean {
  const cleaned = value.replace(IGNORED_IN_URLS, '').replace(COMMENT, '');
  const scheme = SCHEME.exec(cleaned)?.[1];
  if (scheme === undefined) return !PROTOCOL_RELATIVE.test(cleaned);
  return schemes.includes(scheme.toLowerCase());
}
