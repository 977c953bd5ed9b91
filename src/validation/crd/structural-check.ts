/**
 * Whether a CRD version's `openAPIV3Schema` is structural, in the API server's words
 * (`apiextensions-apiserver/pkg/apiserver/schema/validation.go` `ValidateStructural` and
 * `pkg/apis/apiextensions/validation/validation.go`, 1.28). A CRD whose schema is not structural is
 * rejected by the server, so its custom resources cannot be created; the validator reports the
 * CRD instead of crashing on it.
 *
 * Checked (the rules that decide how objects are pruned and typed):
 * - every specified field and item has a non-empty `type`, unless it sets
 *   `x-kubernetes-preserve-unknown-fields` or `x-kubernetes-int-or-string`; the root is an object;
 * - `properties` and `additionalProperties` are not both set; `items` is one schema;
 * - `x-kubernetes-preserve-unknown-fields` is `true` when set; `x-kubernetes-embedded-resource`
 *   is on `type: object`; `x-kubernetes-int-or-string` has no other type;
 * - `$ref` is not used; value validations (`allOf`, `anyOf`, `oneOf`, `not`) set no `type`,
 *   `default`, `nullable`, `additionalProperties`, `x-kubernetes-*` or `description`.
 */
import { SchemaNode } from './compact';
import { readCrd } from './manifest';

function isMap(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Generic keywords a nested value validation must not set, with the server's wording. */
const VALUE_VALIDATION_FORBIDDEN: ReadonlyArray<readonly [string, string]> = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

type Level = 'root' | 'item' | 'field';

/** Problems (`<path>: <message>`), empty when the schema is structural. */
export function structuralProblems(schema: unknown, path: string): string[] {
  const out: string[] = [];
  if (!isMap(schema)) {
    out.push(`${path}: Required value: schemas are required`);
    return out;
  }
  walk(schema, new SchemaPath(path), 'root', out);
  return out;
}

function isIntOrStringAnyOf(list: unknown): boolean {
  return Array.isArray(list) && list.length === 2 && isMap(list[0]) && isMap(list[1])
    && list[0].type === 'integer' && list[1].type === 'string' && Object.keys(list[0]).length === 1 && Object.keys(list[1]).length === 1;
}

/**
 * The path of the schema node being walked, as a stack of segments turned into text only when a
 * problem is reported: a big CRD has tens of thousands of nodes and almost never a problem.
 */
class SchemaPath {
  private readonly segments: string[] = [];
  /** Per segment: whether it is a `properties` key (written `.properties[<key>]`). */
  private readonly keys: boolean[] = [];

  constructor(private readonly root: string) {}

  public push(segment: string, isKey: boolean): void {
    this.segments.push(segment);
    this.keys.push(isKey);
  }

  public pop(): void {
    this.segments.pop();
    this.keys.pop();
  }

  public text(): string {
    let out = this.root;
    for (let i = 0; i < this.segments.length; i++) out += this.keys[i] ? `.properties[${this.segments[i]}]` : this.segments[i];
    return out;
  }
}

const EMPTY_SCHEMA: SchemaNode = Object.freeze({});

/**
 * Checks one node and its sub-schemas. The keywords are read in one pass over the node's own keys
 * (a schema node has a handful of keys, and looking up a dozen keywords that are mostly absent, on
 * objects of thousands of different shapes, was most of the cost); the checks then run in the
 * server's order on what was read.
 */
function walk(s: SchemaNode, path: SchemaPath, level: Level, out: string[]): void {
  let preserve = false;
  let intOrString = false;
  let embedded = false;
  let type = '';
  let ref: unknown;
  let items: unknown;
  let properties: unknown;
  let additionalProperties: unknown;
  let anyOf: unknown;
  let allOf: unknown;
  let oneOf: unknown;
  let not: unknown;
  for (const key in s) {
    switch (key) {
      case 'type': {
        const value = s[key];
        if (typeof value === 'string') type = value;
        break;
      }
      case 'properties': properties = s[key]; break;
      case 'items': items = s[key]; break;
      case 'additionalProperties': additionalProperties = s[key]; break;
      case 'x-kubernetes-preserve-unknown-fields': preserve = s[key] === true; break;
      case 'x-kubernetes-int-or-string': intOrString = s[key] === true; break;
      case 'x-kubernetes-embedded-resource': embedded = s[key] === true; break;
      case '$ref': ref = s[key]; break;
      case 'anyOf': anyOf = s[key]; break;
      case 'allOf': allOf = s[key]; break;
      case 'oneOf': oneOf = s[key]; break;
      case 'not': not = s[key]; break;
      default: break;
    }
  }
  if (typeof ref === 'string') out.push(`${path.text()}.$ref: Forbidden: $ref is not supported`);
  if (type === 'array' && items === undefined) out.push(`${path.text()}.items: Required value: must be specified`);
  if (Array.isArray(items)) out.push(`${path.text()}.items: Forbidden: items must be a schema object and not an array`);
  if (embedded && type !== 'object') {
    out.push(type === '' ? `${path.text()}.type: Required value: must be object if x-kubernetes-embedded-resource is true`
      : `${path.text()}.type: Invalid value: ${JSON.stringify(type)}: must be object if x-kubernetes-embedded-resource is true`);
  } else if (type === '' && !intOrString && !preserve) {
    const where = level === 'root' ? 'at the root' : level === 'item' ? 'for specified array items' : 'for specified object fields';
    out.push(`${path.text()}.type: Required value: must not be empty ${where}`);
  }
  if (level === 'root' && type !== '' && type !== 'object') out.push(`${path.text()}.type: Invalid value: ${JSON.stringify(type)}: must be object at the root`);
  if (properties !== undefined && additionalProperties !== undefined && additionalProperties !== true) {
    out.push(`${path.text()}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`);
  }
  if (intOrString && preserve) {
    out.push(`${path.text()}.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`);
  }
  if (isMap(properties)) {
    // a null schema decodes as the empty schema (Go's zero JSONSchemaProps)
    for (const key in properties) {
      const sub = properties[key];
      path.push(key, true);
      walk(isMap(sub) ? sub : EMPTY_SCHEMA, path, 'field', out);
      path.pop();
    }
  }
  if (isMap(additionalProperties)) {
    path.push('.additionalProperties', false);
    walk(additionalProperties, path, 'field', out);
    path.pop();
  }
  if (isMap(items) || items === null) {
    path.push('.items', false);
    walk(isMap(items) ? items : EMPTY_SCHEMA, path, 'item', out);
    path.pop();
  }
  if (anyOf === undefined && allOf === undefined && oneOf === undefined && not === undefined) return;
  const at = path.text();
  const skipAnyOf = isIntOrStringAnyOf(anyOf);
  const allOfList = Array.isArray(allOf) ? allOf : undefined;
  const skipFirstAllOfAnyOf = allOfList !== undefined && isMap(allOfList[0]) && isIntOrStringAnyOf(allOfList[0].anyOf);
  if (Array.isArray(anyOf) && !skipAnyOf) anyOf.forEach((sub, i) => isMap(sub) && valueValidation(sub, `${at}.anyOf[${i}]`, out));
  if (Array.isArray(oneOf)) oneOf.forEach((sub, i) => isMap(sub) && valueValidation(sub, `${at}.oneOf[${i}]`, out));
  if (allOfList) {
    allOfList.forEach((sub, i) => {
      if (!isMap(sub)) return;
      if (i === 0 && skipFirstAllOfAnyOf) {
        const { anyOf: _skipped, ...rest } = sub;
        void _skipped;
        valueValidation(rest, `${at}.allOf[${i}]`, out);
      } else {
        valueValidation(sub, `${at}.allOf[${i}]`, out);
      }
    });
  }
  if (isMap(not)) valueValidation(not, `${at}.not`, out);
}

function valueValidation(s: SchemaNode, path: string, out: string[]): void {
  for (const [keyword, message] of VALUE_VALIDATION_FORBIDDEN) {
    if (s[keyword] !== undefined && s[keyword] !== false && s[keyword] !== '') out.push(`${path}.${keyword}: Forbidden: ${message}`);
  }
  if (isMap(s.properties)) for (const [key, sub] of Object.entries(s.properties)) if (isMap(sub)) valueValidation(sub, `${path}.properties[${key}]`, out);
  if (isMap(s.items)) valueValidation(s.items, `${path}.items`, out);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[keyword];
    if (Array.isArray(list)) list.forEach((sub, i) => isMap(sub) && valueValidation(sub, `${path}.${keyword}[${i}]`, out));
  }
  if (isMap(s.not)) valueValidation(s.not, `${path}.not`, out);
}

/**
 * The problems {@link checkCrd} found for the object being validated, for the `schema/crd` rule that
 * runs on it next (the engine's CRD catalog looks at a CRD just before its rules run): a big CRD's
 * schema is walked once. Taken once, and dropped when the current task ends.
 */
let handOff: { readonly object: object; readonly problems: readonly string[] } | undefined;

/**
 * Problems that keep a CRD from being used (`spec.versions[0].schema.openAPIV3Schema.type: Required
 * value: ...`); empty when it can be used.
 */
export function crdProblems(object: unknown): string[] {
  const kept = handOff;
  if (kept !== undefined && kept.object === object) {
    handOff = undefined;
    return [...kept.problems];
  }
  return computeCrdProblems(object);
}

/**
 * {@link crdProblems}, computed afresh and handed to the next {@link crdProblems} call on the same
 * object within the current task.
 */
export function checkCrd(object: unknown): string[] {
  const problems = computeCrdProblems(object);
  if (object !== null && typeof object === 'object') {
    if (handOff === undefined) queueMicrotask(dropHandOff);
    handOff = { object, problems };
  }
  return [...problems];
}

function dropHandOff(): void {
  handOff = undefined;
}

function computeCrdProblems(object: unknown): string[] {
  const crd = readCrd(object);
  if ('problem' in crd) return [crd.problem];
  const problems: string[] = [];
  const raw = (object as { spec: { versions: Array<{ schema?: { openAPIV3Schema?: unknown } }> } }).spec.versions;
  crd.versions.forEach((v, i) => {
    const p = `spec.versions[${i}].schema.openAPIV3Schema`;
    if (v.schema === undefined) {
      problems.push(raw[i]?.schema === undefined ? `spec.versions[${i}].schema: Required value: schemas are required` : `${p}: Required value: schemas are required`);
    } else {
      problems.push(...structuralProblems(v.schema, p));
    }
  });
  if (crd.versions.filter((v) => v.storage).length !== 1) {
    problems.push('spec.versions: Invalid value: must have exactly one version marked as storage version');
  }
  return problems;
}

