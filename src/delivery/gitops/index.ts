/**
 * GitOps delivery: Argo CD Application/ApplicationSet manifests for the environment folders and
 * sync waves derived from the dependencies the constructs know.
 *
 * The functions load their modules on their first call (../lazy.ts): the package root re-exports
 * this barrel, and an app without `gitops` options never renders Argo CD manifests.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { lazyModule } from '../lazy';
import type * as ArgoCd from './argo-cd';
import type * as ObjectDependencies from './object-dependencies';
import type * as SyncWaves from './sync-waves';

export {
  ENVIRONMENT_LABEL, GITOPS_SCOPE_ID, ARGO_CD_API_VERSION, APPLICATION_KIND, APPLICATION_SET_KIND, DEFAULT_APPLICATION_SET_NAME,
  SYNC_WAVE_ANNOTATION, SyncPhase,
} from './values';
export type { GitOpsOptions } from './gitops-options';
export { SyncPolicy, AutomatedSyncOptions, AutomatedSync } from './sync-policy';

const argoCdModule = lazyModule(() => require('./argo-cd') as typeof ArgoCd);
const objectDependenciesModule = lazyModule(() => require('./object-dependencies') as typeof ObjectDependencies);
const syncWavesModule = lazyModule(() => require('./sync-waves') as typeof SyncWaves);

/**
 * The Argo CD manifests that deliver the environments: one `Application` per environment, or one
 * `ApplicationSet` with a list generator when `options.applicationSet` is set.
 *
 * Each Application syncs `<pathPrefix>/<environment folder>` (a Kustomize folder, so Argo CD
 * renders it like `kubectl apply -k`) of `repoURL` at `targetRevision` into the environment's
 * namespace, with the sync options `CreateNamespace=false` (the folder holds the Namespace
 * object) and, if asked, `ServerSideApply=true`. The Applications have no resources finalizer
 * (and an ApplicationSet preserves resources on deletion): deleting an Application never deletes
 * what it deployed, e.g. a database.
 *
 * Throws a `ValidationError` naming the option for bad input (empty or duplicate environments, a
 * repoURL that is not a Git URL or holds credentials, invalid names or paths).
 */
export const argoCdManifests: typeof ArgoCd.argoCdManifests = argoCdModule.fn('argoCdManifests');
/**
 * Annotates every API object under `root` (usually the `App`) with its Argo CD sync wave
 * (`argocd.argoproj.io/sync-wave`), computed by {@link computeSyncWaves}: a database (with its
 * Secret/ExternalSecret and Services) comes before the apps connected to it, Namespaces and
 * ServiceAccounts/ConfigMaps/Secrets come early, and any construct dependency
 * (`app.node.addDependency(migration)`) puts the dependent after its dependency.
 *
 * Call it before synthesis, only when the output is delivered with Argo CD: without it nothing
 * in the output changes. Calling it again recomputes the waves it wrote.
 */
export const assignSyncWaves: typeof SyncWaves.assignSyncWaves = syncWavesModule.fn('assignSyncWaves');
/**
 * Computes the sync wave of every API object under `root` (usually the `App`).
 *
 * The wave of an object is the smallest integer that is
 * - at least the phase of its kind: 0 for Namespaces, quotas and cluster-scoped definitions, 1 for
 *   ServiceAccounts, ConfigMaps, Secrets (also ExternalSecret/SealedSecret), RBAC, volume claims and
 *   NetworkPolicies, 2 for everything else; and
 * - greater than the wave of every object it depends on: a workload's runtime objects come after
 *   every object of the databases it is connected to (`connectTo`), and after the objects of any
 *   construct it depends on (`node.addDependency`, e.g. a migration Job).
 *
 * That is the longest-path layering of the dependency graph, so the result is deterministic and
 * uses as few waves as the dependencies allow. An object that already carries the
 * `argocd.argoproj.io/sync-wave` annotation keeps it (objects that depend on it are placed after
 * it). Throws a `ValidationError` on a dependency cycle or on a pinned wave that is not after its
 * own dependencies.
 */
export const computeSyncWaves: typeof SyncWaves.computeSyncWaves = syncWavesModule.fn('computeSyncWaves');
/** The phase of an object kind. */
export const phaseOf: typeof ObjectDependencies.phaseOf = objectDependenciesModule.fn('phaseOf');
