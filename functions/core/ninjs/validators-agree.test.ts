import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateNinjs } from './schema-validator.js';
import { validateNinjsCompact } from './compact-schema-validator.js';
import { detectGeneration } from './ninjs-2.js';
import type { StoryProblem } from '../story-error.js';

/** Every JSON document under a folder, recursively (fixtures, corpora, sample content). */
function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function documentsIn(folders: string[]): Array<[string, Record<string, unknown>]> {
  const documents: Array<[string, Record<string, unknown>]> = [];
  for (const file of folders.flatMap(jsonFiles)) {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      if (value && typeof value === 'object' && !Array.isArray(value)) documents.push([file, value as Record<string, unknown>]);
    } catch {
      // Files that are not JSON objects never reach a validator.
    }
  }
  return documents;
}

/** Broken variants of a valid story: each breaks one rule of the schema in a different place. */
function mutations(story: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const associations = (story.associations as Array<Record<string, unknown>> | undefined) ?? [];
  const first = associations[0];
  const variants: Array<[string, Record<string, unknown>]> = [
    ['wrong type', { ...story, version: 3 }],
    ['bad enum', { ...story, pubStatus: 'published' }],
    ['zone-less date', { ...story, versionCreated: '2024-01-01T10:00:00' }],
    ['unknown field', { ...story, headline: 'typo' }],
    ['above maximum', { ...story, urgency: 12 }],
    ['headline not a string', { ...story, headlines: [{ value: 42 }] }],
    ['headline without value', { ...story, headlines: [{ role: 'main' }] }],
    ['several at once', { ...story, version: 3, pubStatus: 'x', extra: true }],
  ];
  if (first) {
    const renditions = (first.renditions as Array<Record<string, unknown>> | undefined) ?? [];
    variants.push(['association missing name', { ...story, associations: [{ ...first, name: undefined }, ...associations.slice(1)] }]);
    variants.push(['rendition width as text', { ...story, associations: [{ ...first, renditions: [{ ...renditions[0], width: '1600' }] }] }]);
    variants.push(['unknown rendition field', { ...story, associations: [{ ...first, renditions: [{ ...renditions[0], colour: 'red' }] }] }]);
  }
  return variants.map(([name, document]) => [name, JSON.parse(JSON.stringify(document)) as Record<string, unknown>]);
}

const sorted = (problems: StoryProblem[]) => [...problems].sort((a, b) => (a.pointer + a.message < b.pointer + b.message ? -1 : 1));

describe('the two ninjs validators agree', () => {
  const documents = documentsIn(['content/stories', 'test/conformance/fixtures', 'test/hostile/corpus']);
  const samples = documentsIn(['content/stories']);
  const cases: Array<[string, Record<string, unknown>]> = [
    ...documents,
    ...samples.flatMap(([file, story]) => mutations(story).map(([name, variant]): [string, Record<string, unknown>] => [`${file} (${name})`, variant])),
  ];

  it('has a corpus worth comparing', () => {
    expect(documents.length).toBeGreaterThan(30);
  });

  it.each(cases)('%s', (_name, document) => {
    const generation = detectGeneration(document);
    expect(sorted(validateNinjsCompact(document, generation))).toEqual(sorted(validateNinjs(document, generation)));
  });
});
