/**
 * The custom resources the library emits, known to the validation engine without registration:
 * external-secrets.io/v1beta1 ExternalSecret, bitnami.com/v1alpha1 SealedSecret,
 * monitoring.coreos.com/v1 ServiceMonitor, argoproj.io/v1alpha1 Application and ApplicationSet.
 *
 * The registry asks {@link knownCrdSchema} when neither a registered schema nor a schema folder
 * has the kind, so `validate` on plain YAML, the engine and synth all check these kinds. Each
 * strict schema is built on first use and then reused (nothing is built at start-up).
 */
import { JsonSchema } from '../json-schema';
import { APPLICATION_KIND, APPLICATION_SET_KIND, applicationSetV1alpha1, applicationV1alpha1, ARGO_CD_API_VERSION } from './argo-cd';
import { EXTERNAL_SECRET_API_VERSION, EXTERNAL_SECRET_KIND, externalSecretV1beta1 } from './external-secrets';
import { SERVICE_MONITOR_API_VERSION, SERVICE_MONITOR_KIND, serviceMonitorV1 } from './prometheus-operator';
import { SEALED_SECRET_API_VERSION, SEALED_SECRET_KIND, sealedSecretV1alpha1 } from './sealed-secrets';
import { OpenApiSchema, strictCrdSchema } from './structural';

export { OpenApiSchema, strictCrdSchema, OBJECT_META_DEFINITION } from './structural';

/** One custom resource version the engine knows. */
export interface KnownCrd {
  /** `group/version`, e.g. `monitoring.coreos.com/v1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `ServiceMonitor`. */
  readonly kind: string;
  /** Builds the `openAPIV3Schema` of the CRD subset kept in `crds/` (without descriptions). */
  readonly openApiSchema: () => OpenApiSchema;
}

/** Every known custom resource version, by `apiVersion|kind`. */
export const KNOWN_CRDS: ReadonlyMap<string, KnownCrd> = new Map(([
  { apiVersion: EXTERNAL_SECRET_API_VERSION, kind: EXTERNAL_SECRET_KIND, openApiSchema: externalSecretV1beta1 },
  { apiVersion: SEALED_SECRET_API_VERSION, kind: SEALED_SECRET_KIND, openApiSchema: sealedSecretV1alpha1 },
  { apiVersion: SERVICE_MONITOR_API_VERSION, kind: SERVICE_MONITOR_KIND, openApiSchema: serviceMonitorV1 },
  { apiVersion: ARGO_CD_API_VERSION, kind: APPLICATION_KIND, openApiSchema: applicationV1alpha1 },
  { apiVersion: ARGO_CD_API_VERSION, kind: APPLICATION_SET_KIND, openApiSchema: applicationSetV1alpha1 },
] satisfies KnownCrd[]).map((crd): [string, KnownCrd] => [`${crd.apiVersion}|${crd.kind}`, crd]));

const built = new Map<string, JsonSchema>();

/**
 * The strict JSON Schema of a known custom resource (see {@link strictCrdSchema}), or undefined
 * for any other apiVersion/kind. Built on the first call for the kind; later calls return the
 * same object.
 */
export function knownCrdSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const key = `${apiVersion}|${kind}`;
  let schema = built.get(key);
  if (schema === undefined) {
    const crd = KNOWN_CRDS.get(key);
    if (crd === undefined) return undefined;
    schema = strictCrdSchema(crd.openApiSchema());
    built.set(key, schema);
  }
  return schema;
}
