/**
 * apiVersion/kind pairs that Kubernetes no longer serves in 1.28, with the replacement, and the
 * API groups a 1.28 API server serves itself.
 *
 * Facts from the Kubernetes deprecated API migration guide. An object using one of these
 * is rejected by kubectl with `no matches for kind "<kind>" in version "<apiVersion>"`.
 */
import { K8S_MODEL } from './generated/k8s-model';

/** One removed API: what replaced it and in which release it went away. */
export interface RemovedApi {
  /** The Kubernetes minor release that stopped serving it, e.g. `1.22`. */
  readonly removedIn: string;
  /** The apiVersion to use instead. */
  readonly replacement: string;
}

const TABLE: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
  // [apiVersion, removedIn, replacement, kinds]
  ['extensions/v1beta1', '1.16', 'apps/v1', ['Deployment', 'DaemonSet', 'ReplicaSet']],
  ['extensions/v1beta1', '1.22', 'networking.k8s.io/v1', ['Ingress']],
  ['extensions/v1beta1', '1.16', 'networking.k8s.io/v1', ['NetworkPolicy']],
  ['extensions/v1beta1', '1.16', 'none (use Pod Security Admission)', ['PodSecurityPolicy']],
  ['apps/v1beta1', '1.16', 'apps/v1', ['Deployment', 'StatefulSet', 'ControllerRevision']],
  ['apps/v1beta2', '1.16', 'apps/v1', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision']],
  ['policy/v1beta1', '1.25', 'policy/v1', ['PodDisruptionBudget']],
  ['policy/v1beta1', '1.25', 'none (use Pod Security Admission)', ['PodSecurityPolicy']],
  ['batch/v1beta1', '1.25', 'batch/v1', ['CronJob']],
  ['batch/v2alpha1', '1.21', 'batch/v1', ['CronJob']],
  ['autoscaling/v2beta1', '1.25', 'autoscaling/v2', ['HorizontalPodAutoscaler']],
  ['autoscaling/v2beta2', '1.26', 'autoscaling/v2', ['HorizontalPodAutoscaler']],
  ['networking.k8s.io/v1beta1', '1.22', 'networking.k8s.io/v1', ['Ingress', 'IngressClass']],
  ['rbac.authorization.k8s.io/v1beta1', '1.22', 'rbac.authorization.k8s.io/v1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']],
  ['rbac.authorization.k8s.io/v1alpha1', '1.22', 'rbac.authorization.k8s.io/v1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']],
  ['storage.k8s.io/v1beta1', '1.22', 'storage.k8s.io/v1', ['StorageClass', 'VolumeAttachment', 'CSINode', 'CSIDriver']],
  ['storage.k8s.io/v1beta1', '1.27', 'storage.k8s.io/v1', ['CSIStorageCapacity']],
  ['scheduling.k8s.io/v1beta1', '1.22', 'scheduling.k8s.io/v1', ['PriorityClass']],
  ['scheduling.k8s.io/v1alpha1', '1.22', 'scheduling.k8s.io/v1', ['PriorityClass']],
  ['admissionregistration.k8s.io/v1beta1', '1.22', 'admissionregistration.k8s.io/v1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']],
  ['apiextensions.k8s.io/v1beta1', '1.22', 'apiextensions.k8s.io/v1', ['CustomResourceDefinition']],
  ['apiregistration.k8s.io/v1beta1', '1.22', 'apiregistration.k8s.io/v1', ['APIService']],
  ['certificates.k8s.io/v1beta1', '1.22', 'certificates.k8s.io/v1', ['CertificateSigningRequest']],
  ['coordination.k8s.io/v1beta1', '1.22', 'coordination.k8s.io/v1', ['Lease']],
  ['authentication.k8s.io/v1beta1', '1.22', 'authentication.k8s.io/v1', ['TokenReview']],
  ['authorization.k8s.io/v1beta1', '1.22', 'authorization.k8s.io/v1', ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview']],
  ['discovery.k8s.io/v1beta1', '1.25', 'discovery.k8s.io/v1', ['EndpointSlice']],
  ['events.k8s.io/v1beta1', '1.25', 'events.k8s.io/v1', ['Event']],
  ['node.k8s.io/v1beta1', '1.25', 'node.k8s.io/v1', ['RuntimeClass']],
  ['flowcontrol.apiserver.k8s.io/v1beta1', '1.26', 'flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration']],
];

const REMOVED = new Map<string, RemovedApi>();
for (const [apiVersion, removedIn, replacement, kinds] of TABLE) {
  for (const kind of kinds) REMOVED.set(`${apiVersion}|${kind}`, { removedIn, replacement });
}

/** The removal record of an apiVersion/kind pair, or undefined when it is not a removed API. */
export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED.get(`${apiVersion}|${kind}`);
}

/** kubectl's message for a kind the cluster does not serve. */
export function noMatchesMessage(apiVersion: string, kind: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}

/** The group of an apiVersion (`apps` for `apps/v1`, `` for `v1`). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The groups a 1.28 API server serves itself (every group of the model and of the removed APIs):
 * no CustomResourceDefinition can add kinds to them, so a kind or version of one of these groups
 * that the server does not serve is rejected, never a custom resource without a schema.
 */
const BUILTIN_GROUPS = new Set<string>([...K8S_MODEL.kinds.map(([apiVersion]) => groupOf(apiVersion)), ...TABLE.map(([apiVersion]) => groupOf(apiVersion))]);
/** Served apiVersions (of the model), to tell a misspelt kind from an unserved version. */
const SERVED_VERSIONS = new Set<string>(K8S_MODEL.kinds.map(([apiVersion]) => apiVersion));
/**
 * Kinds a 1.28 server serves that the model (the cdk8s-plus-28 import) leaves out: accepted by the
 * server, so only reported as kinds without a schema.
 */
const SERVED_WITHOUT_SCHEMA = new Set<string>(['v1|Event']);

/** True for a group Kubernetes 1.28 serves itself (core, apps, networking.k8s.io...): no CRD defines kinds there. */
export function isBuiltinGroup(group: string): boolean {
  return BUILTIN_GROUPS.has(group);
}

/**
 * Where an apiVersion/kind that is neither a known kind nor a removed API fails on a 1.28 server:
 * `kind` when its group and version are served (the kind is not), `apiVersion` when its group is
 * served but not that version, undefined when its group is not one the server serves itself
 * (a custom resource: accepted once its CustomResourceDefinition is installed).
 */
export function unservedKindPath(apiVersion: string, kind: string): 'kind' | 'apiVersion' | undefined {
  if (!BUILTIN_GROUPS.has(groupOf(apiVersion)) || SERVED_WITHOUT_SCHEMA.has(`${apiVersion}|${kind}`)) return undefined;
  return SERVED_VERSIONS.has(apiVersion) ? 'kind' : 'apiVersion';
}
