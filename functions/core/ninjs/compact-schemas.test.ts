import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutAnnotations } from './schema-annotations.js';

const folder = 'functions/core/ninjs/schemas';

describe('compact ninjs schemas (Lambda bundle)', () => {
  for (const version of ['3.1', '2.2']) {
    it(`ninjs ${version}: equals the official schema without annotations (run scripts/compact-schemas.ts)`, () => {
      const official: unknown = JSON.parse(readFileSync(`${folder}/ninjs-schema_${version}.json`, 'utf8'));
      const compact: unknown = JSON.parse(readFileSync(`${folder}/ninjs-schema_${version}.compact.json`, 'utf8'));
      expect(compact).toEqual(withoutAnnotations(official));
    });
  }

  it('keeps properties that are called title or description', () => {
    const schema = { title: 'x', properties: { title: { type: 'string', description: 'd' }, description: { type: 'string' } } };
    expect(withoutAnnotations(schema)).toEqual({ properties: { title: { type: 'string' }, description: { type: 'string' } } });
  });
});
