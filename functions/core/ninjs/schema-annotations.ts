/** JSON Schema annotation keywords: they document a schema and never change what validates. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment']);

/** Keywords whose value maps names to subschemas: their keys are names, not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * Returns a schema without annotations, for the Lambda bundle where the ninjs schemas' prose is a
 * fifth of the code. A property that happens to be called `title` or `description` is kept.
 */
export function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    out[key] = NAME_MAPS.has(key) && value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]))
      : withoutAnnotations(value);
  }
  return out;
}
