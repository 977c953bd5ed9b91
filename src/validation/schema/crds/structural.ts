/**
 * The one converter from a CRD's structural schema (`openAPIV3Schema`) to the strict JSON Schema
 * the engine hands to ajv.
 *
 * It mirrors how a 1.28 API server treats a custom resource under strict field validation
 * (kubectl's default):
 *
 * - unknown fields are errors (`additionalProperties: false` on every object node), except under
 *   `x-kubernetes-preserve-unknown-fields: true`;
 * - `null` is accepted for every field, because the server prunes nulls of non-nullable fields
 *   before it validates (so an `enum` also accepts `null`);
 * - `x-kubernetes-int-or-string` fields take an integer or a string;
 * - `metadata` at the root is checked as an `ObjectMeta` of the built-in model (the server decodes
 *   it strictly whatever the CRD says), so `metadata.lables` is reported like on a Deployment;
 * - documentation keywords (`description`, `default`, `example`, `format`, `nullable`) and the
 *   other `x-kubernetes-*` extensions are dropped; CEL rules (`x-kubernetes-validations`) are not
 *   evaluated.
 */
import { K8S_MODEL } from '../generated/k8s-model';
import { JsonSchema, standaloneSchema } from '../json-schema';

/** An OpenAPI v3 schema node as CRD manifests write it (loosely typed). */
export type OpenApiSchema = { readonly [keyword: string]: unknown };

/** The model definition the root `metadata` of every custom resource is checked against. */
export const OBJECT_META_DEFINITION = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Keywords that only document a schema or steer defaulting; they never reject a value. */
const DROPPED_KEYWORDS: ReadonlySet<string> = new Set(['description', 'default', 'example', 'externalDocs', 'format', 'nullable', 'title']);

/** Keywords whose value is a list of sub-schemas (value validations in a structural schema). */
const SCHEMA_LIST_KEYWORDS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * The strict JSON Schema of one custom resource version, built from the `openAPIV3Schema` of its
 * CRD. The result is self-contained (the `ObjectMeta` definitions it refers to are under
 * `definitions`) and can be passed to `registerSchema` or ajv as is.
 */
export function strictCrdSchema(openApiSchema: OpenApiSchema): JsonSchema {
  const strict = convert(openApiSchema, false);
  const { definitions, ...objectMeta } = standaloneSchema(K8S_MODEL, OBJECT_META_DEFINITION);
  const properties = { ...(strict.properties as JsonSchema | undefined), metadata: objectMeta };
  return { ...strict, properties, definitions };
}

/**
 * Converts one node. `valueValidation` is set inside `allOf`/`anyOf`/`oneOf`/`not`, whose
 * branches only constrain values: they get neither `null` nor `additionalProperties`.
 */
function convert(node: OpenApiSchema, valueValidation: boolean): JsonSchema {
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(keyword) || keyword.startsWith('x-kubernetes-')) continue;
    if (keyword === 'type') {
      out.type = valueValidation ? value : [value, 'null'];
    } else if (keyword === 'enum') {
      out.enum = valueValidation ? value : [...(value as unknown[]), null];
    } else if (keyword === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as { [field: string]: OpenApiSchema })
        .map(([field, sub]) => [field, convert(sub, valueValidation)]));
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      out[keyword] = convert(value as OpenApiSchema, valueValidation);
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword)) {
      if (!intOrString) out[keyword] = (value as OpenApiSchema[]).map((sub) => convert(sub, true));
    } else if (keyword === 'not') {
      out.not = convert(value as OpenApiSchema, true);
    } else {
      out[keyword] = value;
    }
  }
  if (intOrString) {
    out.type = valueValidation ? ['integer', 'string'] : ['integer', 'string', 'null'];
  }
  const isObject = node.type === 'object' || node.properties !== undefined;
  if (isObject && !valueValidation && !preserveUnknown && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}
