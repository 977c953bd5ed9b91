/**
 * The validation schemas of the Argo CD custom resources the GitOps output renders
 * (`argoproj.io/v1alpha1` Application and ApplicationSet).
 *
 * The constants are the `openAPIV3Schema`s of the CRD subsets kept in
 * `crds/argoproj.io_applications-applicationsets.yaml` (the input of `cdk8s import`) without
 * descriptions; a test keeps both equal. They are registered with the validation engine the way
 * the credential CRDs are (`strictCrdSchema`: unknown fields are errors, as with kubectl's strict
 * field validation), so emitted Applications are checked like built-in kinds.
 */
import { OpenApiSchema, strictCrdSchema } from '../../constructs/credentials/crd-schemas';
import { getSchemaFor, registerSchema } from '../../validation/schema/registry';

/** The apiVersion of Argo CD's Application and ApplicationSet. */
export const ARGO_CD_API_VERSION = 'argoproj.io/v1alpha1';
/** The Application kind. */
export const APPLICATION_KIND = 'Application';
/** The ApplicationSet kind. */
export const APPLICATION_SET_KIND = 'ApplicationSet';

const STRING: OpenApiSchema = { type: 'string' };
const STRING_MAP: OpenApiSchema = { type: 'object', additionalProperties: STRING };
const STRING_LIST: OpenApiSchema = { type: 'array', items: STRING };
const INT64: OpenApiSchema = { type: 'integer', format: 'int64' };
const BOOLEAN: OpenApiSchema = { type: 'boolean' };
const STATUS: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** `spec` of an Application, also the `template.spec` of an ApplicationSet. */
const APPLICATION_SPEC: OpenApiSchema = {
  type: 'object',
  required: ['destination', 'project'],
  properties: {
    destination: { type: 'object', properties: { name: STRING, namespace: STRING, server: STRING } },
    info: {
      type: 'array',
      items: { type: 'object', required: ['name', 'value'], properties: { name: STRING, value: STRING } },
    },
    project: STRING,
    revisionHistoryLimit: INT64,
    source: {
      type: 'object',
      required: ['repoURL'],
      properties: {
        chart: STRING,
        directory: { type: 'object', properties: { exclude: STRING, include: STRING, recurse: BOOLEAN } },
        kustomize: {
          type: 'object',
          properties: {
            commonAnnotations: STRING_MAP,
            commonLabels: STRING_MAP,
            images: STRING_LIST,
            namePrefix: STRING,
            nameSuffix: STRING,
            namespace: STRING,
          },
        },
        path: STRING,
        ref: STRING,
        repoURL: STRING,
        targetRevision: STRING,
      },
    },
    syncPolicy: {
      type: 'object',
      properties: {
        automated: { type: 'object', properties: { allowEmpty: BOOLEAN, prune: BOOLEAN, selfHeal: BOOLEAN } },
        managedNamespaceMetadata: { type: 'object', properties: { annotations: STRING_MAP, labels: STRING_MAP } },
        retry: {
          type: 'object',
          properties: {
            backoff: { type: 'object', properties: { duration: STRING, factor: INT64, maxDuration: STRING } },
            limit: INT64,
          },
        },
        syncOptions: STRING_LIST,
      },
    },
  },
};

/** The `openAPIV3Schema` of the Application CRD subset. */
export const APPLICATION_OPENAPI_SCHEMA: OpenApiSchema = {
  type: 'object',
  required: ['metadata', 'spec'],
  properties: {
    apiVersion: STRING,
    kind: STRING,
    metadata: { type: 'object' },
    spec: APPLICATION_SPEC,
    status: STATUS,
  },
};

/** The `openAPIV3Schema` of the ApplicationSet CRD subset. */
export const APPLICATION_SET_OPENAPI_SCHEMA: OpenApiSchema = {
  type: 'object',
  required: ['metadata', 'spec'],
  properties: {
    apiVersion: STRING,
    kind: STRING,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['generators', 'template'],
      properties: {
        generators: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              list: {
                type: 'object',
                required: ['elements'],
                properties: {
                  elements: { type: 'array', items: { 'x-kubernetes-preserve-unknown-fields': true } },
                  elementsYaml: STRING,
                },
              },
            },
          },
        },
        goTemplate: BOOLEAN,
        goTemplateOptions: STRING_LIST,
        syncPolicy: {
          type: 'object',
          properties: {
            applicationsSync: { type: 'string', enum: ['create-only', 'create-update', 'create-delete', 'sync'] },
            preserveResourcesOnDeletion: BOOLEAN,
          },
        },
        template: {
          type: 'object',
          required: ['metadata', 'spec'],
          properties: {
            metadata: {
              type: 'object',
              properties: {
                annotations: STRING_MAP,
                finalizers: STRING_LIST,
                labels: STRING_MAP,
                name: STRING,
                namespace: STRING,
              },
            },
            spec: APPLICATION_SPEC,
          },
        },
      },
    },
    status: STATUS,
  },
};

/** The Argo CD schemas by kind. */
export const ARGO_CD_SCHEMAS: ReadonlyArray<{ readonly kind: string; readonly schema: OpenApiSchema }> = [
  { kind: APPLICATION_KIND, schema: APPLICATION_OPENAPI_SCHEMA },
  { kind: APPLICATION_SET_KIND, schema: APPLICATION_SET_OPENAPI_SCHEMA },
];

/**
 * Registers the Application and ApplicationSet schemas with the validation engine, unless a
 * schema for the kind is already known (for example a full CRD schema added by the user).
 */
export function registerArgoCdSchemas(): void {
  for (const { kind, schema } of ARGO_CD_SCHEMAS) {
    if (getSchemaFor(ARGO_CD_API_VERSION, kind) === undefined) {
      registerSchema(ARGO_CD_API_VERSION, kind, strictCrdSchema(ARGO_CD_API_VERSION, kind, schema));
    }
  }
}
