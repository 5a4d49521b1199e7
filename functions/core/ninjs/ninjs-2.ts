import type { NinjsGeneration } from './ninjs-validator.js';

/**
 * ninjs 2.x spelled field names in lowercase; 3.0 moved them to camelCase and renamed `embargoed`.
 * wirefeed accepts 2.x by renaming, after validating it against the 2.2 schema (so errors point at
 * the names the file really uses). The table is every name the two schemas spell differently.
 */
const RENAMED_IN_3: Readonly<Record<string, string>> = {
  altids: 'altIds',
  charcount: 'charCount',
  contactinfo: 'contactInfo',
  contentcreated: 'contentCreated',
  contenttype: 'contentType',
  copyrightholder: 'copyrightHolder',
  copyrightnotice: 'copyrightNotice',
  digitalsourcetype: 'digitalSourceType',
  ednote: 'edNote',
  embargoed: 'embargoedUntil',
  encodedrights: 'encodedRights',
  firstcreated: 'firstCreated',
  geojson: 'geoJSON',
  infosources: 'infoSources',
  langid: 'langId',
  linkedrights: 'linkedRights',
  postalcode: 'postalCode',
  pubstatus: 'pubStatus',
  representationtype: 'representationType',
  rightsinfo: 'rightsInfo',
  sizeinbytes: 'sizeInBytes',
  symboltype: 'symbolType',
  trustindicators: 'trustIndicators',
  usageterms: 'usageTerms',
  versioncreated: 'versionCreated',
  wordcount: 'wordCount',
};

/** Top-level names that only ninjs 2.x uses; one of them is enough to call a document 2.x. */
const ONLY_IN_2 = ['versioncreated', 'firstcreated', 'pubstatus', 'embargoed', 'copyrightholder', 'representationtype'];

/** Tells which ninjs generation a document is written in. */
export function detectGeneration(document: Record<string, unknown>): NinjsGeneration {
  const standard = document.standard as { version?: unknown } | undefined;
  if (typeof standard?.version === 'string') return standard.version.startsWith('2') ? '2' : '3';
  return ONLY_IN_2.some((name) => name in document) ? '2' : '3';
}

/** Renames a ninjs 2.x document's fields to their 3.x names, deeply; values are untouched. */
export function upgradeToNinjs3(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(upgradeToNinjs3);
  if (value === null || typeof value !== 'object') return value;
  const upgraded: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    upgraded[RENAMED_IN_3[key] ?? key] = upgradeToNinjs3(child);
  }
  return upgraded;
}
