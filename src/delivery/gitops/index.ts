/**
 * GitOps delivery: Argo CD Application/ApplicationSet manifests for the environment folders and
 * sync waves derived from the dependencies the constructs know.
 */
export {
  argoCdManifests, ENVIRONMENT_LABEL, GITOPS_SCOPE_ID, ARGO_CD_API_VERSION, APPLICATION_KIND, APPLICATION_SET_KIND,
} from './argo-cd';
export { GitOpsOptions, DEFAULT_APPLICATION_SET_NAME } from './gitops-options';
export { SyncPolicy, AutomatedSyncOptions, AutomatedSync } from './sync-policy';
export { assignSyncWaves, computeSyncWaves, SYNC_WAVE_ANNOTATION } from './sync-waves';
export { SyncPhase, phaseOf } from './object-dependencies';
