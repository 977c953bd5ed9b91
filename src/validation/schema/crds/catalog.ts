/** The shape of the generated CRD catalog (`./generated/index.ts`, written by `npm run gen:crds`). */

/** One version of a generated CRD. */
export interface GeneratedCrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
}

/** One CRD kept in `crds/`. */
export interface GeneratedCrd {
  /** `metadata.name` of the CRD (`<plural>.<group>`). */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The manifest it was generated from, e.g. `crds/monitoring.coreos.com_servicemonitors.yaml`. */
  readonly source: string;
  readonly versions: readonly GeneratedCrdVersion[];
  /** The packed schemas of the CRD's file (JSON text, see `src/validation/crd/compact.ts`). */
  readonly load: () => string;
}
