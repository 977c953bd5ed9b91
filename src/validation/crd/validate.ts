/**
 * Validates a custom resource against the structural schema of its CRD version the way a 1.28 API
 * server handles a create with strict field validation (kubectl's default), offline.
 *
 * The steps and their sources (k8s.io/apiextensions-apiserver v0.28, kube-openapi 2023-07-17):
 *
 * 1. pruning (`pkg/apiserver/schema/pruning/algorithm.go`): fields the schema does not declare are
 *    `strict decoding error: unknown field "<path>"`, except under
 *    `x-kubernetes-preserve-unknown-fields: true`; `apiVersion`, `kind` and `metadata` of the root
 *    and of every `x-kubernetes-embedded-resource` are kept;
 * 2. `PruneNonNullableNullsWithoutDefaults` (`schema/defaulting/prunenulls.go`): a `null` field
 *    that is neither `nullable` nor defaulted is dropped (so it passes, and a required field set to
 *    `null` is then missing);
 * 3. defaulting (`schema/defaulting/algorithm.go`): `default` fills absent fields and non-nullable
 *    `null`s, before validation;
 * 4. the OpenAPI schema validation (`pkg/apiserver/validation/validation.go`,
 *    `kube-openapi/pkg/validation/validate`), with its messages: types (`x-kubernetes-int-or-string`
 *    is `integer` or `string`; `null` only where `nullable`), `enum`, `pattern`, supported `format`s,
 *    bounds, lengths, item and property counts, `uniqueItems`, `required`, `allOf`/`anyOf`/`oneOf`/
 *    `not`;
 * 5. embedded resources (`schema/objectmeta/validation.go`): `apiVersion` and `kind` present and well
 *    formed, `metadata` an ObjectMeta (unknown metadata fields are unknown fields, step 1);
 * 6. list types (`schema/listtype/validation.go`): no duplicates in `x-kubernetes-list-type: set`
 *    and no duplicate keys in `map` lists.
 *
 * The object given is never changed (pruning and defaulting work on a copy).
 */
import { validateObjectMeta } from '../rules/api/metadata';
import { Violation } from '../types';
import { SchemaNode } from './compact';
import { formatChecker } from './formats';
import { goFieldValue, goFloat, goNumber, jsonTypeOf } from './go-values';

/** The fields of an ObjectMeta (what the server decodes strictly under `metadata`). */
export const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generateName',
  'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences', 'resourceVersion', 'selfLink', 'uid',
]);

const META_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

type Json = unknown;
type JsonMap = { [key: string]: Json };

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function node(value: unknown): SchemaNode | undefined {
  return isMap(value) ? (value as SchemaNode) : undefined;
}

function props(s: SchemaNode | undefined): { readonly [field: string]: SchemaNode } | undefined {
  return s && isMap(s.properties) ? (s.properties as { [field: string]: SchemaNode }) : undefined;
}

/** The schema of a map's other keys: a schema, or `{}` for `additionalProperties: true`. */
function additional(s: SchemaNode | undefined): SchemaNode | undefined {
  if (!s) return undefined;
  const a = s.additionalProperties;
  if (a === true) return {};
  return node(a);
}

function items(s: SchemaNode | undefined): SchemaNode | undefined {
  return s ? node(s.items) : undefined;
}

function fieldSchema(s: SchemaNode | undefined, key: string): SchemaNode | undefined {
  return props(s)?.[key] ?? additional(s);
}

function preserves(s: SchemaNode | undefined): boolean {
  return s?.['x-kubernetes-preserve-unknown-fields'] === true;
}

function embedded(s: SchemaNode | undefined): boolean {
  return s?.['x-kubernetes-embedded-resource'] === true;
}

/** A deep copy of a JSON value. */
export function copyJson(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const out: JsonMap = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as JsonMap)[key]);
  return out;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

// ---------------------------------------------------------------------------------------------
// 1. pruning

function prune(x: Json, s: SchemaNode | undefined, path: string, unknown: string[], isRoot: boolean): void {
  if (s && preserves(s)) {
    skipPrune(x, s, path, unknown, isRoot);
    return;
  }
  if (isMap(x)) {
    if (!s) {
      for (const key of Object.keys(x)) {
        unknown.push(join(path, key));
        delete x[key];
      }
      return;
    }
    const keepMeta = isRoot || embedded(s);
    for (const key of Object.keys(x)) {
      if (keepMeta && META_FIELDS.has(key)) {
        if (key === 'metadata' && !isRoot) pruneMetadata(x[key], join(path, key), unknown);
        continue;
      }
      const prop = props(s)?.[key];
      if (prop) prune(x[key], prop, join(path, key), unknown, false);
      else if (s.additionalProperties !== undefined && s.additionalProperties !== false) prune(x[key], additional(s), join(path, key), unknown, false);
      else {
        unknown.push(join(path, key));
        delete x[key];
      }
    }
  } else if (Array.isArray(x)) {
    const item = s ? items(s) : undefined;
    x.forEach((v, i) => prune(v, item, `${path}[${i}]`, unknown, false));
  }
}

function skipPrune(x: Json, s: SchemaNode, path: string, unknown: string[], isRoot: boolean): void {
  if (isMap(x)) {
    const keepMeta = isRoot || embedded(s);
    for (const key of Object.keys(x)) {
      if (keepMeta && META_FIELDS.has(key)) {
        if (key === 'metadata' && !isRoot) pruneMetadata(x[key], join(path, key), unknown);
        continue;
      }
      const prop = props(s)?.[key];
      if (prop) prune(x[key], prop, join(path, key), unknown, false);
      else if (s.additionalProperties !== undefined && s.additionalProperties !== false) prune(x[key], additional(s), join(path, key), unknown, false);
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    if (item) x.forEach((v, i) => skipPrune(v, item, `${path}[${i}]`, unknown, false));
  }
}

/** The metadata of an embedded resource is decoded as an ObjectMeta: other fields are unknown. */
function pruneMetadata(x: Json, path: string, unknown: string[]): void {
  if (!isMap(x)) return;
  for (const key of Object.keys(x)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      unknown.push(join(path, key));
      delete x[key];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. and 3. nulls and defaults

function isNonNullableNull(x: Json, s: SchemaNode | undefined): boolean {
  return x === null && s !== undefined && s.nullable !== true;
}

function pruneNulls(x: Json, s: SchemaNode | undefined): void {
  if (isMap(x)) {
    for (const key of Object.keys(x)) {
      const sub = fieldSchema(s, key);
      if (isNonNullableNull(x[key], sub) && sub!.default === undefined) delete x[key];
      else pruneNulls(x[key], sub);
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    for (const v of x) pruneNulls(v, item);
  }
}

function applyDefaults(x: Json, s: SchemaNode | undefined): void {
  if (!s) return;
  if (isMap(x)) {
    const properties = props(s);
    if (properties) {
      for (const [key, prop] of Object.entries(properties)) {
        if (prop.default === undefined) continue;
        if (!(key in x) || isNonNullableNull(x[key], prop)) x[key] = copyJson(prop.default);
      }
    }
    const extra = additional(s);
    for (const key of Object.keys(x)) {
      const prop = properties?.[key];
      if (prop) applyDefaults(x[key], prop);
      else if (extra) {
        if (isNonNullableNull(x[key], extra) && extra.default !== undefined) x[key] = copyJson(extra.default);
        applyDefaults(x[key], extra);
      }
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    for (let i = 0; i < x.length; i++) {
      if (item && isNonNullableNull(x[i], item) && item.default !== undefined) x[i] = copyJson(item.default);
      applyDefaults(x[i], item);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 4. OpenAPI schema validation (kube-openapi's SchemaValidator)

/** One error as kube-openapi reports it, before `kubeOpenAPIResultToFieldErrors`. */
interface OpenApiError {
  readonly path: string;
  readonly message: string;
}

const regexCache = new Map<string, RegExp | null>();

function regex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null; // the API server rejects such a CRD; nothing to check against
      }
    }
    regexCache.set(pattern, re);
  }
  return re;
}

function typesOf(s: SchemaNode): string[] {
  if (s['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  const t = s.type;
  if (typeof t === 'string' && t !== '') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function fieldName(path: string): string {
  return path.startsWith('.') ? path.slice(1) : path;
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as JsonMap);
  const kb = Object.keys(b as JsonMap);
  return ka.length === kb.length && ka.every((k) => k in (b as JsonMap) && deepEqual((a as JsonMap)[k], (b as JsonMap)[k]));
}

class OpenApiValidator {
  public readonly errors: OpenApiError[] = [];

  /** Validates `data` at `path` (kube-openapi path: `.spec` for required fields, `spec.x` otherwise). */
  public validate(data: Json, s: SchemaNode, path: string): void {
    const start = this.errors.length;
    this.check(data, s, path);
    void start;
  }

  private push(path: string, message: string): void {
    this.errors.push({ path: fieldName(path), message });
  }

  private check(data: Json, s: SchemaNode, path: string): void {
    const name = path;
    const types = typesOf(s);
    const nullable = s.nullable === true;
    // type
    if (data === null || data === undefined) {
      if (types.length > 0 && !types.includes('null') && !nullable) {
        this.push(path, `Invalid value: "null": ${name} in body must be of type ${types.join(',')}: "null"`);
      }
      this.checkEnum(data, s, path);
      return;
    }
    const actual = jsonTypeOf(data);
    if (types.length > 0) {
      const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
      if (!ok) this.push(path, `Invalid value: ${JSON.stringify(actual)}: ${name} in body must be of type ${types.join(',')}: ${JSON.stringify(actual)}`);
    }
    // allOf / anyOf / oneOf / not
    this.checkComposition(data, s, path);
    // string
    if (typeof data === 'string') {
      this.checkString(data, s, path);
      const format = typeof s.format === 'string' ? s.format : '';
      const checker = format ? formatChecker(format) : undefined;
      if (checker && !checker(data)) {
        this.push(path, `Invalid value: ${JSON.stringify(data)}: ${name} in body must be of type ${format}: ${JSON.stringify(data)}`);
      }
    }
    // number
    if (typeof data === 'number') this.checkNumber(data, s, path);
    // array
    if (Array.isArray(data)) this.checkArray(data, s, path);
    // enum
    this.checkEnum(data, s, path);
    // object
    if (isMap(data)) this.checkObject(data, s, path);
  }

  private checkString(data: string, s: SchemaNode, path: string): void {
    const length = [...data].length;
    if (typeof s.maxLength === 'number' && length > s.maxLength) {
      this.push(path, `Too long: may not be longer than ${s.maxLength}`);
      return;
    }
    if (typeof s.minLength === 'number' && length < s.minLength) {
      this.push(path, `Invalid value: ${JSON.stringify(data)}: ${path} in body should be at least ${s.minLength} chars long`);
      return;
    }
    if (typeof s.pattern === 'string') {
      const re = regex(s.pattern);
      if (re && !re.test(data)) this.push(path, `Invalid value: ${JSON.stringify(data)}: ${path} in body should match '${s.pattern}'`);
    }
  }

  private checkNumber(data: number, s: SchemaNode, path: string): void {
    const value = goNumber(data);
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
      const q = data / s.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9) this.push(path, `Invalid value: ${value}: ${path} in body should be a multiple of ${goFloat(s.multipleOf)}`);
    }
    if (typeof s.maximum === 'number') {
      const exclusive = s.exclusiveMaximum === true;
      if (exclusive ? data >= s.maximum : data > s.maximum) {
        this.push(path, `Invalid value: ${value}: ${path} in body should be less than ${exclusive ? '' : 'or equal to '}${goFloat(s.maximum)}`);
      }
    }
    if (typeof s.minimum === 'number') {
      const exclusive = s.exclusiveMinimum === true;
      if (exclusive ? data <= s.minimum : data < s.minimum) {
        this.push(path, `Invalid value: ${value}: ${path} in body should be greater than ${exclusive ? '' : 'or equal to '}${goFloat(s.minimum)}`);
      }
    }
  }

  private checkArray(data: Json[], s: SchemaNode, path: string): void {
    const item = items(s);
    if (item) data.forEach((v, i) => this.check(v, item, `${path}[${i}]`));
    if (typeof s.minItems === 'number' && data.length < s.minItems) {
      this.push(path, `Invalid value: ${data.length}: ${path} in body should have at least ${s.minItems} items`);
    }
    if (typeof s.maxItems === 'number' && data.length > s.maxItems) {
      this.push(path, `Too many: ${data.length}: must have at most ${s.maxItems} items`);
    }
    if (s.uniqueItems === true && data.some((v, i) => data.slice(0, i).some((u) => deepEqual(u, v)))) {
      this.push(path, `Invalid value: "": ${path} in body shouldn't contain duplicates`);
    }
  }

  private checkEnum(data: Json, s: SchemaNode, path: string): void {
    if (!Array.isArray(s.enum) || s.enum.length === 0) return;
    if (s.enum.some((e) => deepEqual(e, data))) return;
    const values = (s.enum as Json[]).map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    this.push(path, `Unsupported value: ${goFieldValue(data)}: supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  private checkObject(data: JsonMap, s: SchemaNode, path: string): void {
    const count = Object.keys(data).length;
    if (typeof s.minProperties === 'number' && count < s.minProperties) {
      this.push(path, `Invalid value: ${count}: ${path} in body should have at least ${s.minProperties} properties`);
    }
    if (typeof s.maxProperties === 'number' && count > s.maxProperties) {
      this.push(path, `Too many: ${count}: must have at most ${s.maxProperties} items`);
    }
    const properties = props(s);
    const extra = s.additionalProperties;
    if (extra === false) {
      for (const key of Object.keys(data)) {
        if (!properties || !(key in properties)) this.push(path, `Forbidden: ${path}.${key} in body is a forbidden property`);
      }
    } else if (isMap(extra)) {
      for (const key of Object.keys(data)) {
        if (!properties || !(key in properties)) this.check(data[key], extra as SchemaNode, `${path}.${key}`);
      }
    }
    if (properties) {
      for (const [key, prop] of Object.entries(properties)) {
        if (key in data) this.check(data[key], prop, path === '' ? key : `${path}.${key}`);
      }
    }
    if (Array.isArray(s.required)) {
      for (const key of s.required as string[]) {
        if (!(key in data)) this.push(`${path}.${key}`, 'Required value');
      }
    }
  }

  /** Runs a branch on its own; its errors are returned, not recorded. */
  private branch(data: Json, s: SchemaNode, path: string): OpenApiError[] {
    const sub = new OpenApiValidator();
    sub.check(data, s, path);
    return sub.errors;
  }

  private checkComposition(data: Json, s: SchemaNode, path: string): void {
    // a branch that is not a schema decodes as the empty schema (Go's zero JSONSchemaProps)
    const branches = (list: unknown): SchemaNode[] => (list as unknown[]).map((b) => (isMap(b) ? (b as SchemaNode) : {}));
    const quoted = JSON.stringify(fieldName(path) === path ? path : path);
    if (Array.isArray(s.anyOf) && s.anyOf.length > 0) {
      let best: OpenApiError[] | undefined;
      let ok = false;
      for (const b of branches(s.anyOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) {
          ok = true;
          best = undefined;
          break;
        }
        if (!best || errors.length < best.length) best = errors;
      }
      if (!ok) {
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate at least one schema (anyOf)` });
        if (best) this.errors.push(...best);
      }
    }
    if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
      let valid = 0;
      let best: OpenApiError[] | undefined;
      for (const b of branches(s.oneOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) valid++;
        else if (valid === 0 && (!best || errors.length < best.length)) best = errors;
      }
      if (valid !== 1) {
        const extra = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate one and only one schema (oneOf). ${extra}` });
        if (valid === 0 && best) this.errors.push(...best);
      }
    }
    if (Array.isArray(s.allOf) && s.allOf.length > 0) {
      let valid = 0;
      for (const b of branches(s.allOf)) {
        const errors = this.branch(data, b, path);
        if (errors.length === 0) valid++;
        this.errors.push(...errors);
      }
      if (valid !== s.allOf.length) {
        const extra = valid === 0 ? '. None validated' : '';
        this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must validate all the schemas (allOf)${extra}` });
      }
    }
    const not = node(s.not);
    if (not && this.branch(data, not, path).length === 0) {
      this.errors.push({ path: '', message: `Invalid value: "": ${quoted} must not validate the schema (not)` });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5. embedded resources

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const GROUP_VERSION = /^([^/]+\/)?[^/]+$/;

function validateEmbedded(x: Json, s: SchemaNode | undefined, path: string, out: Violation[], isRoot: boolean): void {
  if (!s) return;
  if (isMap(x)) {
    if (embedded(s) && !isRoot) {
      if (!('apiVersion' in x)) out.push({ path: join(path, 'apiVersion'), message: 'Required value: must not be empty' });
      if (!('kind' in x)) out.push({ path: join(path, 'kind'), message: 'Required value: must not be empty' });
      const { apiVersion, kind } = x;
      if ('apiVersion' in x) {
        if (typeof apiVersion !== 'string') out.push({ path: join(path, 'apiVersion'), message: `Invalid value: ${goFieldValue(apiVersion)}: must be a string` });
        else if (apiVersion === '') out.push({ path: join(path, 'apiVersion'), message: 'Invalid value: "": must not be empty' });
        else if (!GROUP_VERSION.test(apiVersion)) {
          out.push({ path: join(path, 'apiVersion'), message: `Invalid value: ${JSON.stringify(apiVersion)}: unexpected GroupVersion string: ${apiVersion}` });
        }
      }
      if ('kind' in x) {
        if (typeof kind !== 'string') out.push({ path: join(path, 'kind'), message: `Invalid value: ${goFieldValue(kind)}: must be a string` });
        else if (kind === '') out.push({ path: join(path, 'kind'), message: 'Invalid value: "": must not be empty' });
        else if (!DNS1035_LABEL.test(kind.toLowerCase()) || kind.length > 63) {
          out.push({
            path: join(path, 'kind'),
            message: `Invalid value: ${JSON.stringify(kind)}: may have mixed case, but should otherwise match: ` +
              (kind.length > 63 ? 'must be no more than 63 characters' :
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
          });
        }
      }
      if ('metadata' in x && !isMap(x.metadata) && x.metadata !== null) {
        out.push({ path: join(path, 'metadata'), message: `Invalid value: ${goFieldValue(x.metadata)}: json: cannot unmarshal ${jsonTypeOf(x.metadata)} into Go value of type v1.ObjectMeta` });
      } else if (isMap(x.metadata)) {
        validateEmbeddedMetadata(x.metadata, join(path, 'metadata'), out);
      }
    }
    const properties = props(s);
    const extra = additional(s);
    for (const key of Object.keys(x)) {
      const prop = properties?.[key];
      if (prop) validateEmbedded(x[key], prop, join(path, key), out, false);
      else if (extra) validateEmbedded(x[key], extra, `${path}[${key}]`, out, false);
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    x.forEach((v, i) => validateEmbedded(v, item, `${path}[${i}]`, out, false));
  }
}

/**
 * `metavalidation.ValidateObjectMeta(meta, len(meta.Namespace) > 0, path.ValidatePathSegmentName, ...)`
 * on the metadata of an embedded resource (a missing name counts as "fakename", as the server sets it).
 */
function validateEmbeddedMetadata(metadata: JsonMap, path: string, out: Violation[]): void {
  const found: Violation[] = [];
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : 'fakename';
  validateObjectMeta(found, '', { ...metadata, name }, false);
  for (const illegal of ['.', '..']) if (name === illegal) found.push({ path: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: may not be '${illegal}'` });
  for (const illegal of ['/', '%']) if (name.includes(illegal)) found.push({ path: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: may not contain '${illegal}'` });
  for (const v of found) out.push({ path: path + v.path.slice('metadata'.length), message: v.message });
}

// ---------------------------------------------------------------------------------------------
// 6. list types

function validateListTypes(x: Json, s: SchemaNode | undefined, path: string, out: Violation[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set') {
      x.forEach((v, i) => {
        if (x.slice(0, i).some((u) => deepEqual(u, v))) out.push({ path: `${path}[${i}]`, message: `Duplicate value: ${goFieldValue(v)}` });
      });
    } else if (listType === 'map' && Array.isArray(s['x-kubernetes-list-map-keys'])) {
      const keys = s['x-kubernetes-list-map-keys'] as string[];
      const item = items(s);
      const seen: Json[][] = [];
      x.forEach((v, i) => {
        if (!isMap(v)) return;
        const key = keys.map((k) => (k in v ? v[k] : props(item)?.[k]?.default));
        if (seen.some((other) => deepEqual(other, key))) {
          const value: JsonMap = {};
          keys.forEach((k, j) => {
            value[k] = key[j];
          });
          out.push({ path: `${path}[${i}]`, message: `Duplicate value: ${goFieldValue(value)}` });
        } else {
          seen.push(key);
        }
      });
    }
    const item = items(s);
    x.forEach((v, i) => validateListTypes(v, item, `${path}[${i}]`, out));
  } else if (isMap(x)) {
    const properties = props(s);
    const extra = additional(s);
    for (const key of Object.keys(x)) {
      const prop = properties?.[key];
      if (prop) validateListTypes(x[key], prop, join(path, key), out);
      else if (extra) validateListTypes(x[key], extra, `${path}[${key}]`, out);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** The result of validating one custom resource. */
export interface CustomResourceResult {
  /** Unknown fields and schema errors (`schema/strict`). */
  readonly strict: Violation[];
  /** The object as the server would store it: pruned and defaulted (for CEL rules). */
  readonly processed: Json;
}

/**
 * Validates a custom resource (a parsed object) against the `openAPIV3Schema` of its CRD version.
 * The root `metadata` is not checked here (the engine checks it as an ObjectMeta).
 */
export function validateCustomResource(object: Json, schema: SchemaNode): CustomResourceResult {
  const data = copyJson(object);
  const unknown: string[] = [];
  if (!preserves(schema)) {
    prune(data, schema, '', unknown, true);
    pruneNulls(data, schema);
  }
  applyDefaults(data, schema);
  const strict: Violation[] = unknown.sort().map((p) => ({ path: p, message: `strict decoding error: unknown field "${p}"` }));
  // The root metadata is decoded as an ObjectMeta whatever the CRD says (the engine checks it); of the
  // CRD's own `metadata` schema only what a structural schema may say there applies: constraints on
  // `name` and `generateName` (e.g. `maxLength`). `required: [metadata]` still applies.
  const rootProps = props(schema);
  const metaProps = props(rootProps?.metadata);
  const metadataSchema: SchemaNode = {};
  if (metaProps?.name || metaProps?.generateName) {
    (metadataSchema as { properties?: unknown }).properties = Object.fromEntries(
      (['name', 'generateName'] as const).filter((k) => metaProps[k]).map((k) => [k, metaProps[k]]));
  }
  const rootSchema: SchemaNode = rootProps?.metadata ? { ...schema, properties: { ...rootProps, metadata: metadataSchema } } : schema;
  const validator = new OpenApiValidator();
  validator.validate(data, rootSchema, '');
  const seen = new Set<string>();
  for (const error of validator.errors) {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    strict.push({ path: error.path, message: error.message });
  }
  validateEmbedded(data, schema, '', strict, true);
  validateListTypes(data, schema, '', strict);
  return { strict, processed: data };
}
