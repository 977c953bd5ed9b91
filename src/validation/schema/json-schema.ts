/**
 * Turns the compact model into strict JSON Schema (draft-07 as ajv reads it).
 *
 * Used at build time by `scripts/gen-k8s-schema.ts` (to precompile validators) and at run time
 * by {@link getSchemaFor}. Every field also accepts `null`, because Go's JSON decoder treats
 * `null` as "leave the zero value", so the API server accepts it anywhere; a `null` entry of a list
 * of structs is the zero struct, so it is reported when that struct has required fields.
 */
import { BASE64_PATTERN, K8sModel, ModelDefinition, QUANTITY_PATTERN } from './model';

/** A JSON Schema object (loosely typed: only built and handed to ajv). */
export type JsonSchema = { [keyword: string]: unknown };

/** The `$id` of the schema document holding all definitions. */
export const DEFINITIONS_ID = 'k8s-1.28';

const INT32 = { min: -2147483648, max: 2147483647 };
const INT64 = { min: -9223372036854775808, max: 9223372036854775807 };

/** The JSON Schema for one field type of the model. */
export function fieldSchema(type: string, refPrefix = '#/definitions/'): JsonSchema {
  if (type.startsWith('[]')) {
    const items = fieldSchema(type.slice(2), refPrefix);
    // A `null` list entry decodes to the zero struct, which then misses its required fields: the
    // entry is flagged here (`type`) and worded as those fields' `Required value` (see messages.ts).
    return { type: ['array', 'null'], items: type.startsWith('[]#') ? { ...items, type: 'object' } : items };
  }
  if (type.startsWith('{}')) {
    return { type: ['object', 'null'], additionalProperties: fieldSchema(type.slice(2), refPrefix) };
  }
  if (type.startsWith('#')) {
    return { $ref: refPrefix + type.slice(1) };
  }
  switch (type) {
    case 'string':
    case 'date':
      return { type: ['string', 'null'] };
    case 'byte':
      return { type: ['string', 'null'], pattern: BASE64_PATTERN };
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'int32':
      return { type: ['integer', 'null'], minimum: INT32.min, maximum: INT32.max };
    case 'int64':
      return { type: ['integer', 'null'], minimum: INT64.min, maximum: INT64.max };
    case 'double':
      return { type: ['number', 'null'] };
    case 'int-or-string':
      return { type: ['integer', 'string', 'null'], minimum: INT32.min, maximum: INT32.max };
    case 'quantity':
      return { type: ['string', 'number', 'null'], pattern: QUANTITY_PATTERN };
    case 'any':
      return {};
    default:
      throw new Error(`unknown field type "${type}" in the schema model`);
  }
}

/** The strict JSON Schema of one definition (unknown fields rejected). */
export function definitionSchema(definition: ModelDefinition, refPrefix = '#/definitions/'): JsonSchema {
  const properties: JsonSchema = {};
  for (const [field, type] of Object.entries(definition.properties)) {
    properties[field] = fieldSchema(type, refPrefix);
  }
  const schema: JsonSchema = { type: ['object', 'null'], properties, additionalProperties: false };
  if (definition.required.length > 0) {
    schema.required = [...definition.required];
  }
  return schema;
}

/** One schema document with every definition of the model under `definitions`. */
export function definitionsDocument(model: K8sModel): JsonSchema {
  const definitions: JsonSchema = {};
  for (const name of Object.keys(model.definitions).sort()) {
    definitions[name] = definitionSchema(model.definitions[name]);
  }
  return { $id: DEFINITIONS_ID, definitions };
}

/**
 * A self-contained schema for one definition: the definition at the root plus every
 * definition it reaches, under `definitions` (what `getSchemaFor` returns).
 */
export function standaloneSchema(model: K8sModel, root: string): JsonSchema {
  const reached = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const type of Object.values(model.definitions[name].properties)) {
      const ref = type.replace(/^(\[\]|\{\})+/, '');
      if (ref.startsWith('#')) queue.push(ref.slice(1));
    }
  }
  const definitions: JsonSchema = {};
  for (const name of [...reached].sort()) {
    definitions[name] = definitionSchema(model.definitions[name]);
  }
  return { ...definitionSchema(model.definitions[root]), definitions };
}
