/**
 * Reads a CustomResourceDefinition (apiextensions.k8s.io/v1) into what the validator needs: names,
 * scope and, per version, whether it is served and its `openAPIV3Schema`. Used at build time by
 * `scripts/gen-crd-schemas.ts` and at run time for CRDs found in the input or given with `--crd`.
 */
import { SchemaNode } from './compact';

/** The apiVersion of the only CRD API Kubernetes 1.28 serves. */
export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
/** The CRD kind. */
export const CRD_KIND = 'CustomResourceDefinition';

/** One version of a CRD. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  /** The version's `schema.openAPIV3Schema` (undefined when absent, which the server rejects). */
  readonly schema?: SchemaNode;
}

/** What the validator uses of a CRD. */
export interface CrdDefinition {
  /** `metadata.name` (`<plural>.<group>`). */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: readonly CrdVersion[];
}

/** `true` for an object whose apiVersion/kind is a v1 CustomResourceDefinition. */
export function isCrd(object: unknown): boolean {
  const o = object as { apiVersion?: unknown; kind?: unknown } | null;
  return o !== null && typeof o === 'object' && o.apiVersion === CRD_API_VERSION && o.kind === CRD_KIND;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The definition of a v1 CRD, or a problem (one sentence naming the field) when the object lacks
 * what a CRD must have (the API server would reject it: `spec.group`, `spec.names.kind`,
 * `spec.versions[i].name`...).
 */
export function readCrd(object: unknown): CrdDefinition | { readonly problem: string } {
  if (!isCrd(object)) return { problem: `not a ${CRD_API_VERSION} ${CRD_KIND}` };
  const crd = object as { metadata?: unknown; spec?: unknown };
  const spec = crd.spec;
  if (!isObject(spec)) return { problem: 'spec: Required value' };
  const names = spec.names;
  const group = spec.group;
  if (typeof group !== 'string' || group === '') return { problem: 'spec.group: Required value' };
  if (!isObject(names) || typeof names.kind !== 'string' || names.kind === '') return { problem: 'spec.names.kind: Required value' };
  if (typeof names.plural !== 'string' || names.plural === '') return { problem: 'spec.names.plural: Required value' };
  const scope = spec.scope;
  if (scope !== 'Namespaced' && scope !== 'Cluster') {
    return { problem: `spec.scope: Unsupported value: ${JSON.stringify(scope ?? '')}: supported values: "Cluster", "Namespaced"` };
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) return { problem: 'spec.versions: Invalid value: must have exactly one version marked as storage version' };
  const versions: CrdVersion[] = [];
  for (const [i, v] of (spec.versions as unknown[]).entries()) {
    if (!isObject(v) || typeof v.name !== 'string' || v.name === '') return { problem: `spec.versions[${i}].name: Required value` };
    const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? (v.schema.openAPIV3Schema as SchemaNode) : undefined;
    versions.push({ name: v.name, served: v.served === true, storage: v.storage === true, schema });
  }
  const metaName = isObject(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : `${names.plural}.${group}`;
  return { name: metaName, group, kind: names.kind, plural: names.plural, scope, versions };
}
