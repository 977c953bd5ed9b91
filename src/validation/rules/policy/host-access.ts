/**
 * Best-practice checks on what a pod reaches of the node: host paths, host ports, sysctls, and the
 * ports a workload exposes (ssh, NodePort Services).
 */
import { ObjectRule } from '../../rule';
import { Layer, Severity, Violation } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { containersOf, ContainerList, describeContainer, portsOf, volumesOf } from '../cross/_support/pod';
import { podRule } from './_pod-rule';
import { SAFE_SYSCTLS } from './pod-security/baseline-controls';
import { securityContextOf } from './pod-security/control';

/** Host directories whose contents control the node (a mount at or below them is sensitive). */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
];

function normalizeHostPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function isSensitive(path: string): boolean {
  const normalized = normalizeHostPath(path);
  return SENSITIVE_HOST_PATHS.some((p) => normalized === p || (p !== '/' && normalized.startsWith(`${p}/`)));
}

/** `policy/sensitive-host-mounts`. */
export const sensitiveHostMountsRule: ObjectRule = podRule(
  {
    id: 'policy/sensitive-host-mounts',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: `No hostPath volume mounts a sensitive node path (${SENSITIVE_HOST_PATHS.join(', ')} or below).`,
    example:
      'spec.template.spec.volumes[0].hostPath.path: Forbidden: volume "docker" mounts the sensitive host path "/var/run/docker.sock"',
  },
  (pod) =>
    volumesOf(pod).flatMap((v) => {
      const path = asString(asObject(v.volume.hostPath)?.path);
      return path !== undefined && isSensitive(path)
        ? [
            {
              path: `${v.path}.hostPath.path`,
              message: `Forbidden: volume ${JSON.stringify(v.name)} mounts the sensitive host path ${JSON.stringify(path)}`,
            },
          ]
        : [];
    }),
);

/** `policy/writable-host-mount`. */
export const writableHostMountRule: ObjectRule = podRule(
  {
    id: 'policy/writable-host-mount',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Containers mount hostPath volumes read-only.',
    example:
      'spec.template.spec.containers[0].volumeMounts[0].readOnly: Required value: container "app" mounts hostPath volume "logs" writable; set readOnly: true',
  },
  (pod) => {
    const hostVolumes = new Set(volumesOf(pod).filter((v) => asObject(v.volume.hostPath)).map((v) => v.name));
    const out: Violation[] = [];
    if (hostVolumes.size === 0) {
      return out;
    }
    for (const c of containersOf(pod)) {
      asArray(c.container.volumeMounts).forEach((item, i) => {
        const mount = asObject(item);
        const name = asString(mount?.name);
        if (mount && name !== undefined && hostVolumes.has(name) && mount.readOnly !== true) {
          out.push({
            path: `${c.path}.volumeMounts[${i}].readOnly`,
            message: `Required value: ${describeContainer(c)} mounts hostPath volume ${JSON.stringify(name)} writable; set readOnly: true`,
          });
        }
      });
    }
    return out;
  },
);

/** `policy/host-port`. */
export const hostPortRule: ObjectRule = podRule(
  {
    id: 'policy/host-port',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Containers do not bind node ports with hostPort (it limits scheduling and bypasses network policy).',
    example:
      'spec.template.spec.containers[0].ports[0].hostPort: Forbidden: container "app" binds port 8080 on the node; expose it with a Service instead',
  },
  (pod) => {
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      portsOf(c.container).forEach((port, i) => {
        if (port.hostPort !== undefined && port.hostPort !== 0) {
          out.push({
            path: `${c.path}.ports[${i}].hostPort`,
            message: `Forbidden: ${describeContainer(c)} binds port ${port.hostPort} on the node; expose it with a Service instead`,
          });
        }
      });
    }
    return out;
  },
);

/** `policy/unsafe-sysctls`. */
export const unsafeSysctlsRule: ObjectRule = podRule(
  {
    id: 'policy/unsafe-sysctls',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: "Pods set only the kubelet's safe sysctls (others are rejected unless the node allows them, and can affect the node).",
    example:
      'spec.template.spec.securityContext.sysctls[0].name: Forbidden: sysctl "kernel.msgmax" is unsafe; the kubelet rejects the pod unless the node allows it with --allowed-unsafe-sysctls',
  },
  (pod) => {
    const out: Violation[] = [];
    asArray(securityContextOf(pod.spec).sysctls).forEach((item, i) => {
      const name = asString(asObject(item)?.name);
      if (name !== undefined && !SAFE_SYSCTLS.has(name)) {
        out.push({
          path: `${pod.specPath}.securityContext.sysctls[${i}].name`,
          message: `Forbidden: sysctl ${JSON.stringify(name)} is unsafe; the kubelet rejects the pod unless the node allows it with --allowed-unsafe-sysctls`,
        });
      }
    });
    return out;
  },
);

const SSH_PORT = 22;

/** `policy/ssh-port`. */
export const sshPortRule: ObjectRule = podRule(
  {
    id: 'policy/ssh-port',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'No container exposes the SSH port 22/TCP.',
    example:
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 22: container "app" exposes the SSH port; use kubectl exec for debugging instead',
  },
  (pod) => {
    const out: Violation[] = [];
    for (const c of containersOf(pod, [ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS])) {
      portsOf(c.container).forEach((port, i) => {
        if (port.containerPort === SSH_PORT && port.protocol === 'TCP') {
          out.push({
            path: `${c.path}.ports[${i}].containerPort`,
            message: `Invalid value: ${SSH_PORT}: ${describeContainer(c)} exposes the SSH port; use kubectl exec for debugging instead`,
          });
        }
      });
    }
    return out;
  },
);

/** `policy/node-port`. */
export const nodePortRule: ObjectRule = {
  id: 'policy/node-port',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['Service'],
  description: 'Services are not of type NodePort (it opens a port on every node, outside any Ingress or load balancer).',
  example:
    'spec.type: Invalid value: "NodePort": the Service opens a port on every node; use ClusterIP behind an Ingress, or a LoadBalancer',
  check(object) {
    return asObject(object.spec)?.type === 'NodePort'
      ? [
          {
            path: 'spec.type',
            message:
              'Invalid value: "NodePort": the Service opens a port on every node; use ClusterIP behind an Ingress, or a LoadBalancer',
          },
        ]
      : [];
  },
};
