/**
 * Pod spec and pod template rules (`ValidatePodSpec`, `ValidatePodTemplateSpec`), and the
 * `api/pod-spec` and `api/statefulset-pod-template` rules that run them on every workload kind.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`ValidatePodSpec`,
 * `ValidatePodTemplateSpec`, `validateRestartPolicy`, `validatePreemptionPolicy`), after core/v1 `SetDefaults_PodSpec`
 * (`pkg/apis/core/v1/defaults.go`); the workload kinds reach it through `pkg/apis/apps/validation/validation.go` and
 * `pkg/apis/batch/validation/validation.go`.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import {
  asObject,
  asStruct,
  forbidden,
  INT32_MAX,
  invalid,
  invalidEach,
  JsonObject,
  notSupported,
  readInt64,
} from '../common/field';
import { isDns1123Label, isDns1123Subdomain } from '../common/names';
import { validateLabels } from '../common/selector';
import { validateContainers, validateHostPorts, validateInitContainers } from './container';
import { validateAnnotations } from './metadata';
import { validatePodSecurityContext } from './resources';
import { validateAffinity, validateDns, validateHostAliases, validateTolerations, validateTopologySpreadConstraints } from './scheduling';
import { validateVolumes } from './volume';

/** Pod restart policies in the API server's order. */
export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** Checks a pod spec at `path` (`spec` of a Pod, `spec.template.spec` of workloads). */
export function validatePodSpec(out: Violation[], value: unknown, path: string, claimTemplateNames: readonly string[] = []): void {
  // a missing or null pod spec decodes to the zero spec: its containers are then required
  const spec = asStruct(value);
  const volumes = validateVolumes(out, spec.volumes, `${path}.volumes`);
  for (const name of claimTemplateNames) {
    volumes.add(name);
  }
  const containers = validateContainers(out, spec.containers, volumes, `${path}.containers`);
  // Optional lists and objects are only walked (and their paths built) when present.
  if (spec.initContainers !== undefined) validateInitContainers(out, spec.initContainers, containers, volumes, `${path}.initContainers`);
  validateHostPorts(out, spec.containers, spec.hostNetwork === true, `${path}.containers`);
  const restartPolicy = spec.restartPolicy;
  if (typeof restartPolicy === 'string' && restartPolicy !== '' && !RESTART_POLICIES.includes(restartPolicy)) {
    out.push(notSupported(`${path}.restartPolicy`, restartPolicy, RESTART_POLICIES));
  }
  validateDns(out, spec, path);
  if (spec.hostAliases !== undefined) validateHostAliases(out, spec.hostAliases, `${path}.hostAliases`);
  if (spec.nodeSelector !== undefined) validateLabels(out, spec.nodeSelector, `${path}.nodeSelector`);
  validatePodSecurityContext(out, spec, path);
  if (spec.affinity !== undefined) validateAffinity(out, spec.affinity, `${path}.affinity`);
  if (spec.topologySpreadConstraints !== undefined) {
    validateTopologySpreadConstraints(out, spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`);
  }
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = spec[field];
    if (typeof v === 'string' && v.length > 0) {
      invalidEach(out, `${path}.${field}`, v, isDns1123Subdomain(v));
    }
  }
  for (const field of ['hostname', 'subdomain']) {
    const v = spec[field];
    if (typeof v === 'string' && v.length > 0) {
      invalidEach(out, `${path}.${field}`, v, isDns1123Label(v));
    }
  }
  const deadline = spec.activeDeadlineSeconds === undefined ? undefined : readInt64(out, spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`);
  if (deadline !== undefined && (deadline < 1 || deadline > INT32_MAX)) {
    out.push(invalid(`${path}.activeDeadlineSeconds`, deadline, `must be between 1 and ${INT32_MAX}, inclusive`));
  }
  if (spec.terminationGracePeriodSeconds !== undefined) readInt64(out, spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`);
  if (spec.tolerations !== undefined) validateTolerations(out, spec.tolerations, `${path}.tolerations`);
  if (typeof spec.preemptionPolicy === 'string' && !PREEMPTION_POLICIES.includes(spec.preemptionPolicy)) {
    out.push(notSupported(`${path}.preemptionPolicy`, spec.preemptionPolicy, PREEMPTION_POLICIES));
  }
}

/** Checks a pod template at `path`: template labels and annotations, then the pod spec. */
export function validatePodTemplate(out: Violation[], value: unknown, path: string): void {
  const template = asStruct(value);
  const meta = asObject(template.metadata);
  if (meta) {
    validateLabels(out, meta.labels, `${path}.metadata.labels`);
    validateAnnotations(out, meta.annotations, `${path}.metadata.annotations`);
  }
  validatePodSpec(out, template.spec, `${path}.spec`);
  if (template.spec && asObject(template.spec)?.ephemeralContainers) {
    out.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
}

/** Where the pod template (or pod spec) of each kind lives. */
function templateOf(object: KubeObject): { value: unknown; path: string; isSpec: boolean } | undefined {
  const spec = asStruct(object.spec);
  switch (object.kind) {
    case 'Pod':
      return { value: object.spec, path: 'spec', isSpec: true };
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'ReplicationController':
      return { value: spec.template, path: 'spec.template', isSpec: false };
    case 'CronJob':
      return { value: asStruct(asStruct(spec.jobTemplate).spec).template, path: 'spec.jobTemplate.spec.template', isSpec: false };
    case 'PodTemplate':
      return { value: object.template, path: 'template', isSpec: false };
    default:
      return undefined;
  }
}

/** Runs the pod rules on the template or spec of any workload object. */
export function validateWorkloadPod(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const where = templateOf(object);
  if (!where) {
    return out;
  }
  if (where.isSpec) {
    validatePodSpec(out, where.value, where.path);
  } else {
    validatePodTemplate(out, where.value, where.path);
  }
  return out;
}

/** The suffix added to StatefulSet findings the 1.28 API server does not report. */
export const STATEFULSET_NOTE =
  ' (the 1.28 API server accepts this StatefulSet without checking its pod template or volumeClaimTemplates, but its pods cannot be created)';

/** `api/pod-spec`: pod spec and pod template rules for Pod, Deployment, DaemonSet, ReplicaSet, Job, CronJob. */
export const POD_SPEC_RULE: ObjectRule = {
  id: 'api/pod-spec',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Pod', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'PodTemplate', 'ReplicationController'],
  description:
    'Pod spec rules of the API server: containers (names, image, ports, env, envFrom, volume mounts, probes with exactly one handler, lifecycle, resources with requests <= limits, security context), volumes, restartPolicy, dnsPolicy/dnsConfig, affinity, tolerations, topology spread, scheduling names and template labels.',
  example: 'spec.template.spec.containers[0].ports[1].name: Invalid value: "HTTP_PORT": must be no more than 15 characters',
  check: validateWorkloadPod,
};

/** Appends {@link STATEFULSET_NOTE} to each violation. */
export function withStatefulSetNote(violations: Violation[]): Violation[] {
  return violations.map((v) => ({ path: v.path, message: `${v.message}${STATEFULSET_NOTE}` }));
}

/** The pod spec of a template, or an empty object. */
export function podSpecOf(template: unknown): JsonObject {
  return asObject(asObject(template)?.spec) ?? {};
}

/** The labels of a template, or undefined. */
export function templateLabelsOf(template: unknown): unknown {
  return asObject(asObject(template)?.metadata)?.labels;
}
