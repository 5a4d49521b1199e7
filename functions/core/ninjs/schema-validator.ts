import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import schema31 from './schemas/ninjs-schema_3.1.json' with { type: 'json' };
import schema22 from './schemas/ninjs-schema_2.2.json' with { type: 'json' };
import type { StoryProblem } from '../story-error.js';
import { isUriReference, uniqueProblems, type NinjsGeneration } from './ninjs-validator.js';

export type { NinjsGeneration } from './ninjs-validator.js';

let validators: Record<NinjsGeneration, ValidateFunction> | undefined;

/**
 * Compiles both ninjs schemas once per process. The 3.1 schema references GeoJSON by a remote URL;
 * a permissive local stand-in is registered instead so validation never touches the network
 * (`places[].geometry` is not used by feeds).
 */
function compile(): Record<NinjsGeneration, ValidateFunction> {
  // Loaded on first use, not with this module: a warm build whose few changed stories are validated
  // by @cfworker/json-schema (parse-story-compact.ts) never pays ajv's ~45 ms of module loading.
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };
  // ajv-formats is CommonJS whose export is the plugin itself.
  const addFormats = require('ajv-formats') as (ajv: Ajv2020Type) => Ajv2020Type;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('uri', { type: 'string', validate: isUriReference });
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' });
  return { '3': ajv.compile(schema31), '2': ajv.compile(schema22) };
}

/** Validates a parsed document against the schema of its ninjs generation, with ajv (see NinjsValidator). */
export function validateNinjs(document: unknown, generation: NinjsGeneration): StoryProblem[] {
  validators ??= compile();
  const validate = validators[generation];
  if (validate(document)) return [];
  return uniqueProblems(withoutCascade(validate.errors ?? [], generation).map(toProblem));
}

let ninjsFields: Record<NinjsGeneration, Set<string>> | undefined;

/**
 * ajv forgets what a failed `$ref` evaluated, and associations refer to the whole ninjs type
 * recursively, so one real error inside an association also reported each of its ninjs fields
 * (`type`, `uri`, `renditions`…) as unknown. Such a report is dropped when the field is one ninjs
 * defines and another error lies in the same object; a truly unknown field is always reported.
 */
function withoutCascade(errors: ErrorObject[], generation: NinjsGeneration): ErrorObject[] {
  ninjsFields ??= {
    '3': new Set(Object.keys(schema31.$defs.ninjsType.properties)),
    '2': new Set(Object.keys(schema22.$defs.ninjsType.properties)),
  };
  const known = ninjsFields[generation];
  return errors.filter((error) => {
    if (error.keyword !== 'unevaluatedProperties' || !known.has(String((error.params as Record<string, unknown>).unevaluatedProperty))) return true;
    const inside = `${error.instancePath}/`;
    return !errors.some((other) => other.keyword !== 'unevaluatedProperties' && (other.instancePath === error.instancePath || other.instancePath.startsWith(inside)));
  });
}

function toProblem(error: ErrorObject): StoryProblem {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { pointer: `${error.instancePath}/${String(params.missingProperty)}`, message: 'required field is missing' };
  }
  if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
    const name = String(params.unevaluatedProperty ?? params.additionalProperty);
    return { pointer: `${error.instancePath}/${name}`, message: 'unknown field (not in the ninjs schema)' };
  }
  if (error.keyword === 'enum') {
    return { pointer: error.instancePath, message: `expected one of ${JSON.stringify(params.allowedValues)}` };
  }
  if (error.keyword === 'type') {
    return { pointer: error.instancePath, message: `expected ${String(params.type)}` };
  }
  if (error.keyword === 'format') {
    return { pointer: error.instancePath, message: `expected a valid ${String(params.format)}` };
  }
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}
