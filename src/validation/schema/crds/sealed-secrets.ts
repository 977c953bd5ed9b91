/**
 * bitnami.com: the `openAPIV3Schema` of the SealedSecret CRD subset kept in
 * `crds/bitnami.com_sealedsecrets.yaml`, without descriptions (a test keeps both equal).
 */
import { OpenApiSchema } from './structural';

/** The SealedSecret apiVersion. */
export const SEALED_SECRET_API_VERSION = 'bitnami.com/v1alpha1';
/** The SealedSecret kind. */
export const SEALED_SECRET_KIND = 'SealedSecret';

/** The `openAPIV3Schema` of `bitnami.com/v1alpha1` SealedSecret (built on each call). */
export function sealedSecretV1alpha1(): OpenApiSchema {
  const string = { type: 'string' };
  const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return {
    type: 'object',
    properties: {
      apiVersion: string,
      kind: string,
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          encryptedData: { type: 'object', additionalProperties: string, 'x-kubernetes-preserve-unknown-fields': true },
          template: {
            type: 'object',
            properties: {
              metadata: preserved,
              type: string,
              immutable: { type: 'boolean' },
            },
          },
        },
        required: ['encryptedData'],
      },
      status: preserved,
    },
    required: ['spec'],
  };
}
