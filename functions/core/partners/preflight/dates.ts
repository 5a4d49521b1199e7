import type { ItemRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** RFC 822/1123 with a zone (`Tue, 10 Jun 2003 04:00:00 GMT` or `+0000`); day name optional. */
const RFC_822 = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{2,4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|UT|GMT|[ECMP][SD]T|Z)$/;
/** RFC 3339 / ISO 8601 date-time with a zone. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The item carries a publication date (RSS pubDate / Atom published or updated). */
export function datePresent({ severity, source }: Cite): ItemRule {
  return { id: 'date-present', scope: 'item', severity, source, check: (item) => (item.publishedText?.trim() ? undefined : 'item has no publication date') };
}

/** The date is RFC 822 or RFC 3339 with an explicit zone, and parses. */
export function dateFormat({ severity, source }: Cite): ItemRule {
  return {
    id: 'date-format',
    scope: 'item',
    severity,
    source,
    check(item) {
      const text = item.publishedText?.trim();
      if (!text) return undefined;
      const known = RFC_822.test(text) || RFC_3339.test(text);
      return known && item.published !== undefined && !Number.isNaN(item.published.getTime()) ? undefined : `date ${JSON.stringify(text)} is not RFC 822 or RFC 3339 with a time zone`;
    },
  };
}

/** The publication date is not in the future. */
export function dateInPast({ severity, source }: Cite): ItemRule {
  return {
    id: 'date-in-past',
    scope: 'item',
    severity,
    source,
    check: (item, { now }) => (item.published && item.published.getTime() > now.getTime() ? `published ${item.published.toISOString()} is in the future` : undefined),
  };
}

/** The publication date is less than `days` old. */
export function dateWithin({ severity, source, days }: Cite & { days: number }): ItemRule {
  return {
    id: 'date-max-age',
    scope: 'item',
    severity,
    source,
    check(item, { now }) {
      if (!item.published || item.validEnd) return undefined; // a kill must reach the partner whatever its age
      const age = now.getTime() - item.published.getTime();
      return age >= days * DAY_MS ? `published ${item.published.toISOString()}, more than ${days} days ago` : undefined;
    },
  };
}

/** An updated date (`dcterms:modified`/`atom:updated`) is present, so corrections are seen. */
export function modifiedPresent({ severity, source }: Cite): ItemRule {
  return { id: 'modified-present', scope: 'item', severity, source, check: (item) => (item.modified ? undefined : 'no dcterms:modified (updates and kills need a newer modified date)') };
}

/** A kill (`dcterms:valid` end) is in the past and its modified date is not older than the publication. */
export function killValid({ severity, source }: Cite): ItemRule {
  return {
    id: 'kill-valid',
    scope: 'item',
    severity,
    source,
    check(item, { now }) {
      if (!item.validEnd) return undefined;
      if (!item.modified) return 'a kill (dcterms:valid) needs a newer dcterms:modified';
      if (item.published && item.modified.getTime() <= item.published.getTime()) return 'a kill needs dcterms:modified newer than the publication date';
      return item.validEnd.getTime() > now.getTime() ? `dcterms:valid end ${item.validEnd.toISOString()} is not in the past` : undefined;
    },
  };
}
