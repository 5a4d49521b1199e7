import type { CheckedItem } from './checked-feed.js';
import type { ItemRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

/** The URLs partners fetch from an item: its link, enclosures, media and thumbnails. */
function urlsOf(item: CheckedItem): string[] {
  return [item.link, ...item.enclosures.map((e) => e.url), ...item.media.map((m) => m.url), ...item.thumbnails].filter((url): url is string => url !== undefined && url !== '');
}

function isAbsolute(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every link, enclosure and media URL is absolute http(s). */
export function absoluteUrls({ severity, source }: Cite): ItemRule {
  return {
    id: 'absolute-urls',
    scope: 'item',
    severity,
    source,
    check(item) {
      const relative = urlsOf(item).find((url) => !isAbsolute(url));
      return relative ? `URL is not absolute: ${relative}` : undefined;
    },
  };
}

/** Every link, enclosure and media URL uses https; credentials in a URL are refused too. */
export function httpsUrls({ severity, source }: Cite): ItemRule {
  return {
    id: 'https-urls',
    scope: 'item',
    severity,
    source,
    check(item) {
      for (const url of urlsOf(item)) {
        if (!isAbsolute(url)) continue; // absolute-urls reports it
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:') return `URL is not https: ${url}`;
        if (parsed.username || parsed.password) return `URL carries credentials: ${parsed.origin}`;
      }
      return undefined;
    },
  };
}
