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
  walk(schema, path, 'root', out);
  return out;
}

function isIntOrStringAnyOf(list: unknown): boolean {
  return Array.isArray(list) && list.length === 2 && isMap(list[0]) && isMap(list[1])
    && list[0].type === 'integer' && list[1].type === 'string' && Object.keys(list[0]).length === 1 && Object.keys(list[1]).length === 1;
}

function walk(s: SchemaNode, path: string, level: Level, out: string[]): void {
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const type = typeof s.type === 'string' ? s.type : '';
  if (typeof s.$ref === 'string') out.push(`${path}.$ref: Forbidden: $ref is not supported`);
  if (type === 'array' && s.items === undefined) out.push(`${path}.items: Required value: must be specified`);
  if (Array.isArray(s.items)) out.push(`${path}.items: Forbidden: items must be a schema object and not an array`);
  if (s['x-kubernetes-embedded-resource'] === true && type !== 'object') {
    out.push(type === '' ? `${path}.type: Required value: must be object if x-kubernetes-embedded-resource is true`
      : `${path}.type: Invalid value: ${JSON.stringify(type)}: must be object if x-kubernetes-embedded-resource is true`);
  } else if (type === '' && !intOrString && !preserve) {
    const where = level === 'root' ? 'at the root' : level === 'item' ? 'for specified array items' : 'for specified object fields';
    out.push(`${path}.type: Required value: must not be empty ${where}`);
  }
  if (level === 'root' && type !== '' && type !== 'object') out.push(`${path}.type: Invalid value: ${JSON.stringify(type)}: must be object at the root`);
  if (s.properties !== undefined && s.additionalProperties !== undefined && s.additionalProperties !== true) {
    out.push(`${path}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`);
  }
  if (intOrString && s['x-kubernetes-preserve-unknown-fields'] === true) {
    out.push(`${path}.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`);
  }
  if (isMap(s.properties)) {
    // a null schema decodes as the empty schema (Go's zero JSONSchemaProps)
    for (const [key, sub] of Object.entries(s.properties)) walk(isMap(sub) ? sub : {}, `${path}.properties[${key}]`, 'field', out);
  }
  if (isMap(s.additionalProperties)) walk(s.additionalProperties, `${path}.additionalProperties`, 'field', out);
  if (isMap(s.items)) walk(s.items, `${path}.items`, 'item', out);
  else if (s.items === null) walk({}, `${path}.items`, 'item', out);
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const allOf = Array.isArray(s.allOf) ? s.allOf : undefined;
  const skipFirstAllOfAnyOf = allOf !== undefined && isMap(allOf[0]) && isIntOrStringAnyOf(allOf[0].anyOf);
  if (Array.isArray(s.anyOf) && !skipAnyOf) s.anyOf.forEach((sub, i) => isMap(sub) && valueValidation(sub, `${path}.anyOf[${i}]`, out));
  if (Array.isArray(s.oneOf)) s.oneOf.forEach((sub, i) => isMap(sub) && valueValidation(sub, `${path}.oneOf[${i}]`, out));
  if (allOf) {
    allOf.forEach((sub, i) => {
      if (!isMap(sub)) return;
      if (i === 0 && skipFirstAllOfAnyOf) {
        const { anyOf: _skipped, ...rest } = sub;
        void _skipped;
        valueValidation(rest, `${path}.allOf[${i}]`, out);
      } else {
        valueValidation(sub, `${path}.allOf[${i}]`, out);
      }
    });
  }
  if (isMap(s.not)) valueValidation(s.not, `${path}.not`, out);
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
 * Problems that keep a CRD from being used (`spec.versions[0].schema.openAPIV3Schema.type: Required
 * value: ...`); empty when it can be used.
 */
export function crdProblems(object: unknown): string[] {
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

