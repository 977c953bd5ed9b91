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
 * The object given is never changed (pruning and defaulting work on a copy). Steps 1-3 live in
 * prune.ts, step 4 in openapi.ts; steps 5 and 6 are here.
 */
import { validateObjectMeta } from '../rules/api/metadata';
import { Violation } from '../types';
import { SchemaNode } from './compact';
import { goFieldValue, jsonTypeOf } from './go-values';
import { deepEqual, OpenApiValidator } from './openapi';
import { applyDefaults, prune, pruneNulls } from './prune';
import { additional, copyJson, embedded, isMap, items, join, Json, JsonMap, preserves, props } from './schema-node';

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
