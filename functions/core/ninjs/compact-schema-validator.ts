import { format, Validator, type OutputUnit } from '@cfworker/json-schema';
// The schemas without their prose (scripts/compact-schemas.ts): same validation, a fifth of the bundle less.
import schema31 from './schemas/ninjs-schema_3.1.compact.json' with { type: 'json' };
import schema22 from './schemas/ninjs-schema_2.2.compact.json' with { type: 'json' };
import type { StoryProblem } from '../story-error.js';
import { isUriReference, uniqueProblems, type NinjsGeneration } from './ninjs-validator.js';

let validators: Record<NinjsGeneration, Validator> | undefined;

/**
 * Builds both validators (about a millisecond: @cfworker/json-schema interprets the schema, it
 * does not compile it). The GeoJSON `$ref` gets a local permissive stand-in, as with ajv.
 */
function build(): Record<NinjsGeneration, Validator> {
  // The library's format table is its extension point; wirefeed is its only user in the process.
  format.uri = isUriReference;
  const make = (schema: object) => {
    const validator = new Validator(schema as never, '2020-12', false);
    validator.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' } as never);
    return validator;
  };
  return { '3': make(schema31), '2': make(schema22) };
}

/** Keywords that only report that something beneath them failed; the failure itself is reported too. */
const WRAPPERS = new Set(['$ref', 'properties', 'items', 'prefixItems', 'allOf', 'anyOf', 'if', 'then', 'else', 'dependentSchemas', 'patternProperties', 'false']);

/** Validates a parsed document against the schema of its ninjs generation, with @cfworker/json-schema (see NinjsValidator). */
export function validateNinjsCompact(document: unknown, generation: NinjsGeneration): StoryProblem[] {
  validators ??= build();
  const result = validators[generation].validate(document);
  if (result.valid) return [];
  const leaves = result.errors.filter((error) => !WRAPPERS.has(error.keyword));
  const problems = leaves.map((error) => toProblem(error, pointerOf(error.instanceLocation)));
  // A field that failed its own schema also counts as "unevaluated" in its parent; report the real failure only.
  const kept = problems.filter((problem, index) => {
    if (!isUnknownField(leaves[index]!)) return true;
    return !problems.some((other, otherIndex) => otherIndex !== index && (other.pointer.startsWith(`${problem.pointer}/`) || (other.pointer === problem.pointer && !isUnknownField(leaves[otherIndex]!))));
  });
  return uniqueProblems(kept);
}

function isUnknownField(error: OutputUnit): boolean {
  return error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties';
}

/** ajv's wording for numeric limits, so both validators say the same thing. */
const LIMITS: ReadonlyArray<[RegExp, string]> = [
  [/is greater than or equal to (\S+?)\.?$/, '<'],
  [/is greater than (\S+?)\.?$/, '<='],
  [/is less than or equal to (\S+?)\.?$/, '>'],
  [/is less than (\S+?)\.?$/, '>='],
];

function toProblem(error: OutputUnit, pointer: string): StoryProblem {
  const quoted = /"([^"]*)"/.exec(error.error)?.[1];
  if (isUnknownField(error)) return { pointer: `${pointer}/${escapeToken(/^Property "(.*)" does not match/.exec(error.error)?.[1] ?? '')}`, message: 'unknown field (not in the ninjs schema)' };
  if (/^(?:exclusiveM|m)(?:aximum|inimum)$/.test(error.keyword)) {
    for (const [pattern, comparison] of LIMITS) {
      const limit = pattern.exec(error.error)?.[1];
      if (limit !== undefined) return { pointer, message: `must be ${comparison} ${limit}` };
    }
  }
  if (error.keyword === 'required') return { pointer: `${pointer}/${escapeToken(quoted ?? '')}`, message: 'required field is missing' };
  if (error.keyword === 'type') return { pointer, message: `expected ${/Expected "([^"]*)"/.exec(error.error)?.[1] ?? 'another type'}` };
  if (error.keyword === 'format') return { pointer, message: `expected a valid ${quoted ?? 'value'}` };
  if (error.keyword === 'enum') return { pointer, message: `expected one of ${/any of (\[.*\])\.?$/.exec(error.error)?.[1] ?? 'the allowed values'}` };
  return { pointer, message: error.error };
}

/** `#/headlines/0` → `/headlines/0` (the library reports RFC 6901 pointers as URI fragments). */
function pointerOf(location: string): string {
  return decodeURIComponent(location.replace(/^#/, ''));
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
