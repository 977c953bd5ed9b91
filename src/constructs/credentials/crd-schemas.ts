import { getSchemaFor, registerSchema } from '../../validation/schema/registry';

/**
 * The schemas of the custom resources the credentials sources render, so that the validator
 * checks them like built-in kinds instead of reporting "no schema for kind".
 *
 * `OPEN_API_SCHEMAS` are the `openAPIV3Schema`s of the CRD manifests kept in `crds/` (without
 * descriptions; a test keeps them equal). `strictCrdSchema` turns one into the JSON Schema the
 * validator uses: like a 1.28 API server with strict field validation (kubectl's default), unknown
 * fields are errors except under `x-kubernetes-preserve-unknown-fields`.
 *
 * @internal
 */

/** An OpenAPI v3 schema node as CRDs write it (loosely typed). */
export type OpenApiSchema = { [keyword: string]: unknown };

const STRING = { type: 'string' };
const OBJECT_PRESERVED = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const EXTERNAL_SECRET_V1BETA1: OpenApiSchema = {
  type: 'object',
  properties: {
    apiVersion: STRING,
    kind: STRING,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        refreshInterval: { type: 'string', default: '1h' },
        secretStoreRef: {
          type: 'object',
          properties: { kind: STRING, name: STRING },
          required: ['name'],
        },
        target: {
          type: 'object',
          properties: {
            name: STRING,
            creationPolicy: { type: 'string', default: 'Owner', enum: ['Owner', 'Orphan', 'Merge', 'None'] },
            deletionPolicy: { type: 'string', default: 'Retain', enum: ['Delete', 'Merge', 'Retain'] },
            immutable: { type: 'boolean' },
          },
        },
        data: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              secretKey: STRING,
              remoteRef: {
                type: 'object',
                properties: {
                  key: STRING,
                  property: STRING,
                  version: STRING,
                  conversionStrategy: { type: 'string', default: 'Default', enum: ['Default', 'Unicode'] },
                  decodingStrategy: { type: 'string', default: 'None', enum: ['Auto', 'Base64', 'Base64URL', 'None'] },
                  metadataPolicy: { type: 'string', default: 'None', enum: ['None', 'Fetch'] },
                },
                required: ['key'],
              },
            },
            required: ['remoteRef', 'secretKey'],
          },
        },
      },
    },
    status: OBJECT_PRESERVED,
  },
};

const SEALED_SECRET_V1ALPHA1: OpenApiSchema = {
  type: 'object',
  properties: {
    apiVersion: STRING,
    kind: STRING,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        encryptedData: { type: 'object', additionalProperties: STRING, 'x-kubernetes-preserve-unknown-fields': true },
        template: {
          type: 'object',
          properties: {
            metadata: OBJECT_PRESERVED,
            type: STRING,
            immutable: { type: 'boolean' },
          },
        },
      },
      required: ['encryptedData'],
    },
    status: OBJECT_PRESERVED,
  },
  required: ['spec'],
};

/** The CRD schemas by `apiVersion|kind`. */
export const OPEN_API_SCHEMAS: ReadonlyArray<{ apiVersion: string; kind: string; schema: OpenApiSchema }> = [
  { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', schema: EXTERNAL_SECRET_V1BETA1 },
  { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', schema: SEALED_SECRET_V1ALPHA1 },
];

/** The strict JSON Schema of one CRD version: unknown fields rejected, apiVersion and kind fixed. */
export function strictCrdSchema(apiVersion: string, kind: string, schema: OpenApiSchema): OpenApiSchema {
  const strict = toStrict(schema);
  const properties = { ...(strict.properties as Record<string, OpenApiSchema>) };
  properties.apiVersion = { const: apiVersion };
  properties.kind = { const: kind };
  properties.metadata = { type: 'object', properties: { name: STRING, namespace: STRING }, required: ['name'] };
  const required = new Set([...(strict.required as string[] | undefined) ?? [], 'apiVersion', 'kind', 'metadata']);
  return { ...strict, properties, required: [...required] };
}

function toStrict(node: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'default' || key.startsWith('x-kubernetes-')) {
      continue;
    }
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([k, v]) => [k, toStrict(v)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toStrict(value as OpenApiSchema);
    } else {
      out[key] = value;
    }
  }
  if (node.properties !== undefined && node['x-kubernetes-preserve-unknown-fields'] !== true && node.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/** Registers the credential CRD schemas with the validator, unless a schema for the kind is already known. */
export function registerCredentialCrdSchemas(): void {
  for (const { apiVersion, kind, schema } of OPEN_API_SCHEMAS) {
    if (getSchemaFor(apiVersion, kind) === undefined) {
      registerSchema(apiVersion, kind, strictCrdSchema(apiVersion, kind, schema));
    }
  }
}
