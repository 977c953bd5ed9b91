/**
 * Best-practice checks on container and pod security contexts (kube-linter and Polaris defaults).
 */
import { ObjectRule } from '../../rule';
import { Layer, Severity, Violation } from '../../types';
import { asArray, asObject } from '../common/field';
import { containersOf, ContainerList, describeContainer } from '../cross/_support/pod';
import { podRule } from './_pod-rule';
import { capabilityName, securityContextOf } from './pod-security/control';

/** Containers whose security context matters (ephemeral debug containers are left out). */
const WORKLOAD_CONTAINERS = [ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS];

/** `policy/privileged-container`. */
export const privilegedContainerRule: ObjectRule = podRule(
  {
    id: 'policy/privileged-container',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: 'No container runs privileged.',
    example:
      'spec.template.spec.containers[0].securityContext.privileged: Forbidden: container "app" runs privileged, with full access to the node; remove securityContext.privileged',
  },
  (pod) =>
    containersOf(pod)
      .filter((c) => securityContextOf(c.container).privileged === true)
      .map((c) => ({
        path: `${c.path}.securityContext.privileged`,
        message: `Forbidden: ${describeContainer(c)} runs privileged, with full access to the node; remove securityContext.privileged`,
      })),
);

/** `policy/privilege-escalation`. */
export const privilegeEscalationRule: ObjectRule = podRule(
  {
    id: 'policy/privilege-escalation',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: 'Every container sets securityContext.allowPrivilegeEscalation=false (setuid binaries cannot gain privileges).',
    example:
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: Required value: container "app" must set securityContext.allowPrivilegeEscalation=false',
  },
  (pod) =>
    containersOf(pod, WORKLOAD_CONTAINERS).flatMap((c) => {
      const value = securityContextOf(c.container).allowPrivilegeEscalation;
      if (value === false) {
        return [];
      }
      const head = value === true ? 'Invalid value: true' : 'Required value';
      return [
        {
          path: `${c.path}.securityContext.allowPrivilegeEscalation`,
          message: `${head}: ${describeContainer(c)} must set securityContext.allowPrivilegeEscalation=false`,
        },
      ];
    }),
);

const NAMESPACE_NAMES: Readonly<Record<string, string>> = {
  hostNetwork: 'network',
  hostPID: 'process ID',
  hostIPC: 'IPC',
};

/** `policy/host-namespaces`. */
export const hostNamespacesRule: ObjectRule = podRule(
  {
    id: 'policy/host-namespaces',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: 'Pods do not share the node network, PID or IPC namespace (hostNetwork, hostPID, hostIPC).',
    example: "spec.template.spec.hostNetwork: Forbidden: hostNetwork=true shares the node's network namespace with the pod",
  },
  (pod) =>
    Object.entries(NAMESPACE_NAMES)
      .filter(([field]) => pod.spec[field] === true)
      .map(([field, name]) => ({
        path: `${pod.specPath}.${field}`,
        message: `Forbidden: ${field}=true shares the node's ${name} namespace with the pod`,
      })),
);

/** Capabilities that hand a container control over the node or other workloads. */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'DAC_READ_SEARCH',
  'BPF',
]);

/** `policy/dangerous-capabilities`. */
export const dangerousCapabilitiesRule: ObjectRule = podRule(
  {
    id: 'policy/dangerous-capabilities',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: `No container adds ${[...DANGEROUS_CAPABILITIES].join(', ')}.`,
    example:
      'spec.template.spec.containers[0].securityContext.capabilities.add[0]: Forbidden: container "app" adds the dangerous capability "SYS_ADMIN"',
  },
  (pod) => {
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      asArray(asObject(securityContextOf(c.container).capabilities)?.add).forEach((cap, i) => {
        if (typeof cap === 'string' && DANGEROUS_CAPABILITIES.has(capabilityName(cap))) {
          out.push({
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            message: `Forbidden: ${describeContainer(c)} adds the dangerous capability ${JSON.stringify(cap)}`,
          });
        }
      });
    }
    return out;
  },
);

/** `policy/drop-capabilities`. */
export const dropCapabilitiesRule: ObjectRule = podRule(
  {
    id: 'policy/drop-capabilities',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container drops ALL capabilities (or at least NET_RAW, which allows packet spoofing).',
    example:
      'spec.template.spec.containers[0].securityContext.capabilities.drop: Required value: container "app" must drop "ALL" (or at least "NET_RAW") in securityContext.capabilities.drop',
  },
  (pod) =>
    containersOf(pod, WORKLOAD_CONTAINERS)
      .filter((c) => {
        const drops = asArray(asObject(securityContextOf(c.container).capabilities)?.drop);
        return !drops.some((d) => typeof d === 'string' && ['ALL', 'NET_RAW'].includes(capabilityName(d)));
      })
      .map((c) => ({
        path: `${c.path}.securityContext.capabilities.drop`,
        message: `Required value: ${describeContainer(c)} must drop "ALL" (or at least "NET_RAW") in securityContext.capabilities.drop`,
      })),
);

/** `policy/run-as-non-root`. */
export const runAsNonRootRule: ObjectRule = podRule(
  {
    id: 'policy/run-as-non-root',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container runs as non-root: runAsNonRoot=true or a non-zero runAsUser, on the container or the pod.',
    example:
      'spec.template.spec.containers[0].securityContext.runAsNonRoot: Required value: container "app" may run as root; set securityContext.runAsNonRoot=true or a non-zero runAsUser on the pod or the container',
  },
  (pod) => {
    const podContext = securityContextOf(pod.spec);
    return containersOf(pod, WORKLOAD_CONTAINERS)
      .filter((c) => {
        const ctx = securityContextOf(c.container);
        const nonRoot = ctx.runAsNonRoot ?? podContext.runAsNonRoot;
        const user = ctx.runAsUser ?? podContext.runAsUser;
        return nonRoot !== true && !(typeof user === 'number' && user > 0);
      })
      .map((c) => ({
        path: `${c.path}.securityContext.runAsNonRoot`,
        message: `Required value: ${describeContainer(c)} may run as root; set securityContext.runAsNonRoot=true or a non-zero runAsUser on the pod or the container`,
      }));
  },
);

/** `policy/read-only-root-filesystem`. */
export const readOnlyRootFilesystemRule: ObjectRule = podRule(
  {
    id: 'policy/read-only-root-filesystem',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container mounts its root filesystem read-only.',
    example:
      'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: Required value: container "app" must set securityContext.readOnlyRootFilesystem=true (mount an emptyDir where it writes)',
  },
  (pod) =>
    containersOf(pod, WORKLOAD_CONTAINERS)
      .filter((c) => securityContextOf(c.container).readOnlyRootFilesystem !== true)
      .map((c) => ({
        path: `${c.path}.securityContext.readOnlyRootFilesystem`,
        message: `Required value: ${describeContainer(c)} must set securityContext.readOnlyRootFilesystem=true (mount an emptyDir where it writes)`,
      })),
);
