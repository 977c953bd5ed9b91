/**
 * external-secrets.io: the `openAPIV3Schema` of the ExternalSecret CRD subset kept in
 * `crds/external-secrets.io_externalsecrets.yaml`, without descriptions (a test keeps both equal).
 */
import { OpenApiSchema } from './structural';

/** The ExternalSecret apiVersion. */
export const EXTERNAL_SECRET_API_VERSION = 'external-secrets.io/v1beta1';
/** The ExternalSecret kind. */
export const EXTERNAL_SECRET_KIND = 'ExternalSecret';

/** The `openAPIV3Schema` of `external-secrets.io/v1beta1` ExternalSecret (built on each call). */
export function externalSecretV1beta1(): OpenApiSchema {
  const string = { type: 'string' };
  return {
    type: 'object',
    properties: {
      apiVersion: string,
      kind: string,
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          refreshInterval: { type: 'string', default: '1h' },
          secretStoreRef: {
            type: 'object',
            properties: { kind: string, name: string },
            required: ['name'],
          },
          target: {
            type: 'object',
            properties: {
              name: string,
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
                secretKey: string,
                remoteRef: {
                  type: 'object',
                  properties: {
                    key: string,
                    property: string,
                    version: string,
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
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}
