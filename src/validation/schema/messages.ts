/**
 * Words ajv errors the way the API server reports decode and strict-field errors.
 *
 * ajv reports JSON pointers (`/spec/template/spec/containers/0/imagePulPolicy`); the API
 * server reports `spec.template.spec.containers[0].imagePulPolicy`. The pointer is walked along
 * the schema model (built-in kinds) so that list indexes and map keys become `[i]`/`[key]` and
 * type errors can name the Go struct, or along the data (registered schemas).
 */
import { ErrorObject } from 'ajv';
import { Violation } from '../types';
import { K8S_MODEL } from './generated/k8s-model';
import { BASE64_PATTERN, NUMBER_TYPES, QUANTITY_MESSAGE, QUANTITY_PATTERN, goStructName } from './model';

/** The schema-layer violations of one object, split by the rule that reports them. */
export interface SchemaViolations {
  readonly strict: Violation[];
  readonly quantity: Violation[];
  readonly base64: Violation[];
}

interface Located {
  /** API-server path of the value. */
  readonly path: string;
  /** Go-style field path (field names only, no indexes): `spec.replicas`. */
  readonly goField: string;
  /** Go struct that holds the value (`DeploymentSpec`). */
  readonly goStruct: string;
  /** The model type of the value, when known. */
  readonly type?: string;
}

function unescape(segment: string): string {
  return segment.indexOf('~') < 0 ? segment : segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Locates a JSON pointer inside an object, using the model when a root definition is given. */
function locate(pointer: string, data: unknown, definition: string | undefined): Located {
  let path = '';
  let goField = '';
  let goStruct = definition ? goStructName(definition) : '';
  let type: string | undefined = definition ? '#' + definition : undefined;
  let value: unknown = data;
  if (pointer === '') return { path, goField, goStruct, type };
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unescape(raw);
    if (type?.startsWith('[]') || type?.startsWith('{}')) {
      path += `[${segment}]`;
      type = type.slice(2);
    } else if (type?.startsWith('#')) {
      const def = K8S_MODEL.definitions[type.slice(1)];
      goStruct = goStructName(type.slice(1));
      path += path ? '.' + segment : segment;
      goField += goField ? '.' + segment : segment;
      type = def?.properties[segment];
    } else if (Array.isArray(value)) {
      path += `[${segment}]`;
      type = undefined;
    } else {
      path += path ? '.' + segment : segment;
      goField += goField ? '.' + segment : segment;
      type = undefined;
    }
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return { path, goField, goStruct, type };
}

/** Go's name of a model type, as `encoding/json` prints it (`int32`, `[]v1.Container`). */
export function goTypeName(type: string | undefined): string {
  if (type === undefined) return 'unknown';
  if (type.startsWith('[]')) return '[]' + goTypeName(type.slice(2));
  if (type.startsWith('{}')) return 'map[string]' + goTypeName(type.slice(2));
  if (type.startsWith('#')) {
    const parts = type.slice(1).split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  switch (type) {
    case 'boolean':
      return 'bool';
    case 'byte':
      return '[]uint8';
    case 'date':
      return 'v1.Time';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'any':
      return 'interface {}';
    default:
      return NUMBER_TYPES[type] ?? type;
  }
}

/** How Go's JSON decoder names a JSON value in `cannot unmarshal <value>`. */
function jsonValueName(value: unknown): string {
  if (typeof value === 'number') return `number ${String(value)}`;
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  if (pointer === '') return value;
  for (const raw of pointer.slice(1).split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[unescape(raw)];
  }
  return value;
}

/**
 * The byte offset Go's base64 decoder reports for malformed standard base64, or -1 when the
 * text decodes. Carriage returns and newlines are skipped, as Go does.
 */
export function base64ErrorOffset(text: string): number {
  let inQuantum = 0;
  let quantumStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) continue;
    const alphabet = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (alphabet) {
      if (inQuantum === 0) quantumStart = i;
      inQuantum = (inQuantum + 1) % 4;
      continue;
    }
    if (c !== 61 /* = */ || inQuantum < 2) return i;
    // padding: "xx==" or "xxx=", then only newlines may follow
    let j = i + 1;
    if (inQuantum === 2) {
      while (j < text.length && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
      if (j >= text.length) return j;
      if (text.charCodeAt(j) !== 61) return j - 1;
      j++;
    }
    while (j < text.length && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
    return j < text.length ? j : -1;
  }
  return inQuantum === 0 ? -1 : quantumStart;
}

/** Go's `json: cannot unmarshal` message for a value of the wrong JSON type or out of range. */
function decodeMessage(value: unknown, at: Located, definition: string | undefined): string {
  return (
    `json: cannot unmarshal ${jsonValueName(value)} into Go struct field ` +
    `${at.goStruct || 'Object'}.${at.goField} of type ` +
    // a top-level status is modelled as a free object; Go names its struct (v1.DeploymentStatus)
    (at.path === 'status' && definition ? goTypeName(`#${definition}Status`) : goTypeName(at.type))
  );
}

/** Turns ajv errors for one object into API-server style violations, split by rule. */
export function toViolations(
  errors: readonly ErrorObject[],
  data: unknown,
  definition: string | undefined,
): SchemaViolations {
  const result: SchemaViolations = { strict: [], quantity: [], base64: [] };
  const seen = new Set<string>();
  for (const error of errors) {
    const at = locate(error.instancePath, data, definition);
    const value = valueAt(data, error.instancePath);
    let target = result.strict;
    let path = at.path;
    let message: string;
    switch (error.keyword) {
      case 'additionalProperties': {
        const field = String((error.params as { additionalProperty: string }).additionalProperty);
        path = at.path ? `${at.path}.${field}` : field;
        message = `strict decoding error: unknown field "${path}"`;
        break;
      }
      case 'required': {
        const field = String((error.params as { missingProperty: string }).missingProperty);
        path = at.path ? `${at.path}.${field}` : field;
        message = 'Required value';
        break;
      }
      case 'type':
        if (value === null && definition && at.type?.startsWith('#')) {
          // a null list entry: Go decodes the zero struct, whose required fields are then missing
          for (const field of K8S_MODEL.definitions[at.type.slice(1)]?.required ?? []) {
            const fieldPath = `${at.path}.${field}`;
            if (!seen.has(`${fieldPath}\u0000Required value`)) {
              seen.add(`${fieldPath}\u0000Required value`);
              result.strict.push({ path: fieldPath, message: 'Required value' });
            }
          }
          continue;
        }
        message = decodeMessage(value, at, definition);
        if (!definition) message = `Invalid value: ${JSON.stringify(value)}: ${error.message ?? error.keyword}`;
        break;
      case 'minimum':
      case 'maximum':
        message = decodeMessage(value, at, definition);
        if (!definition) message = `Invalid value: ${JSON.stringify(value)}: ${error.message ?? error.keyword}`;
        break;
      case 'pattern': {
        const pattern = (error.params as { pattern: string }).pattern;
        if (pattern === QUANTITY_PATTERN) {
          target = result.quantity;
          message = `Invalid value: ${JSON.stringify(value)}: ${QUANTITY_MESSAGE}`;
        } else if (pattern === BASE64_PATTERN) {
          target = result.base64;
          message = `illegal base64 data at input byte ${base64ErrorOffset(String(value))}`;
        } else {
          message = `Invalid value: ${JSON.stringify(value)}: must match the regular expression '${pattern}'`;
        }
        break;
      }
      default:
        message = `Invalid value: ${JSON.stringify(value)}: ${error.message ?? error.keyword}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    target.push({ path, message });
  }
  return result;
}
