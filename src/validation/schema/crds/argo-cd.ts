/**
 * argoproj.io: the `openAPIV3Schema`s of the Argo CD Application and ApplicationSet CRD subsets
 * kept in `crds/argoproj.io_applications-applicationsets.yaml`, without descriptions (a test keeps
 * both equal).
 */
import { OpenApiSchema } from './structural';

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
function applicationSpec(): OpenApiSchema {
  return {
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
}

/** The `openAPIV3Schema` of `argoproj.io/v1alpha1` Application (built on each call). */
export function applicationV1alpha1(): OpenApiSchema {
  return {
    type: 'object',
    required: ['metadata', 'spec'],
    properties: {
      apiVersion: STRING,
      kind: STRING,
      metadata: { type: 'object' },
      spec: applicationSpec(),
      status: STATUS,
    },
  };
}

/** The `openAPIV3Schema` of `argoproj.io/v1alpha1` ApplicationSet (built on each call). */
export function applicationSetV1alpha1(): OpenApiSchema {
  return {
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
              spec: applicationSpec(),
            },
          },
        },
      },
      status: STATUS,
    },
  };
}
