/**
 * The values of the GitOps API that are not functions or classes: its constants and enum. They are
 * small and load with the package; the Argo CD manifests and sync waves load on the first call of
 * their functions (see ../lazy.ts and ./index.ts). The modules that define the behaviour
 * re-export them.
 */

// Written out so that loading the package does not load the generated classes of
// imports/argoproj.io (test/delivery/gitops/argo-cd.test.ts checks they are their GVKs).
/** The apiVersion of Argo CD's Application and ApplicationSet. */
export const ARGO_CD_API_VERSION: string = 'argoproj.io/v1alpha1';
/** The Application kind. */
export const APPLICATION_KIND: string = 'Application';
/** The ApplicationSet kind. */
export const APPLICATION_SET_KIND: string = 'ApplicationSet';

/** The label that carries the environment name on the Applications. */
export const ENVIRONMENT_LABEL = 'patterns.cdk8s.io/environment';

/**
 * The construct path errors about GitOps input are reported at (`[GitOps] 'repoURL' ...`).
 */
export const GITOPS_SCOPE_ID = 'GitOps';

/** The default ApplicationSet name when `appName` is not set. */
export const DEFAULT_APPLICATION_SET_NAME = 'environments';

/** The annotation Argo CD reads the sync wave of an object from. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The phase of a kind: the earliest wave an object of that kind is applied in.
 */
export enum SyncPhase {
  /** Namespaces, quotas and cluster-scoped definitions: wave 0. */
  FOUNDATION = 0,
  /** Identities, configuration, credentials, volume claims and network policies: wave 1. */
  CONFIGURATION = 1,
  /** Everything that runs or routes traffic (workloads, Services, Ingresses, ...): wave 2 and later. */
  RUNTIME = 2,
}
