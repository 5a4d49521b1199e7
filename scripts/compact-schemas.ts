// Writes the ninjs schemas without annotations (titles, descriptions) for the Lambda's validator.
// Run `npx tsx scripts/compact-schemas.ts` after updating a schema; compact-schemas.test.ts fails until you do.
import { readFileSync, writeFileSync } from 'node:fs';
import { withoutAnnotations } from '../functions/core/ninjs/schema-annotations.js';

const folder = 'functions/core/ninjs/schemas';
for (const version of ['3.1', '2.2']) {
  const schema: unknown = JSON.parse(readFileSync(`${folder}/ninjs-schema_${version}.json`, 'utf8'));
  writeFileSync(`${folder}/ninjs-schema_${version}.compact.json`, `${JSON.stringify(withoutAnnotations(schema))}\n`);
}
