import { Rule } from '../../../../src/validation/rule';
import { latestTagRule, livenessProbeRule, readinessProbeRule, resourceLimitsRule, resourceRequestsRule } from '../../../../src/validation/rules/policy/containers';
import { hostPortRule, nodePortRule, sensitiveHostMountsRule, sshPortRule, unsafeSysctlsRule, writableHostMountRule } from '../../../../src/validation/rules/policy/host-access';
import {
  dangerousCapabilitiesRule,
  dropCapabilitiesRule,
  hostNamespacesRule,
  privilegedContainerRule,
  privilegeEscalationRule,
  readOnlyRootFilesystemRule,
  runAsNonRootRule,
} from '../../../../src/validation/rules/policy/security-context';
import { Case, container, deployment, job, run, service } from '../cross/fixtures';

const C = 'spec.template.spec.containers[0]';
const sc = (securityContext: Record<string, unknown>, name = 'app') => container({ name, extra: { securityContext } });
const table = (rule: Rule, cases: Case[]): void => {
  describe(rule.id, () => {
    test.each(cases)('$name', ({ objects, context, expected }) => {
      expect(run(rule, objects, context)).toEqual(expected);
    });
  });
};

table(privilegedContainerRule, [
  { name: 'unprivileged is fine', objects: [deployment({ containers: [sc({ privileged: false })] })], expected: [] },
  {
    name: 'privileged is reported',
    objects: [deployment({ containers: [sc({ privileged: true })] })],
    expected: [{ index: 0, path: `${C}.securityContext.privileged`, message: 'Forbidden: container "app" runs privileged, with full access to the node; remove securityContext.privileged' }],
  },
]);

table(privilegeEscalationRule, [
  { name: 'false is fine', objects: [deployment({ containers: [sc({ allowPrivilegeEscalation: false })] })], expected: [] },
  {
    name: 'unset and true are reported, init containers too',
    objects: [deployment({ containers: [sc({ allowPrivilegeEscalation: true })], podSpec: { initContainers: [container({ name: 'init' })] } })],
    expected: [
      { index: 0, path: `${C}.securityContext.allowPrivilegeEscalation`, message: 'Invalid value: true: container "app" must set securityContext.allowPrivilegeEscalation=false' },
      {
        index: 0,
        path: 'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation',
        message: 'Required value: init container "init" must set securityContext.allowPrivilegeEscalation=false',
      },
    ],
  },
]);

table(hostNamespacesRule, [
  {
    name: 'hostIPC is reported',
    objects: [deployment({ podSpec: { hostIPC: true, hostNetwork: false } })],
    expected: [{ index: 0, path: 'spec.template.spec.hostIPC', message: "Forbidden: hostIPC=true shares the node's IPC namespace with the pod" }],
  },
]);

table(dangerousCapabilitiesRule, [
  { name: 'harmless capabilities are fine', objects: [deployment({ containers: [sc({ capabilities: { add: ['NET_BIND_SERVICE'] } })] })], expected: [] },
  {
    name: 'SYS_ADMIN (with CAP_ prefix) is reported',
    objects: [deployment({ containers: [sc({ capabilities: { add: ['CHOWN', 'CAP_SYS_ADMIN'] } })] })],
    expected: [{ index: 0, path: `${C}.securityContext.capabilities.add[1]`, message: 'Forbidden: container "app" adds the dangerous capability "CAP_SYS_ADMIN"' }],
  },
]);

table(dropCapabilitiesRule, [
  { name: 'drop NET_RAW is enough', objects: [deployment({ containers: [sc({ capabilities: { drop: ['NET_RAW'] } })] })], expected: [] },
  {
    name: 'no drop is reported',
    objects: [deployment()],
    expected: [{ index: 0, path: `${C}.securityContext.capabilities.drop`, message: 'Required value: container "app" must drop "ALL" (or at least "NET_RAW") in securityContext.capabilities.drop' }],
  },
]);

table(runAsNonRootRule, [
  { name: 'pod-level runAsNonRoot is enough', objects: [deployment({ podSpec: { securityContext: { runAsNonRoot: true } } })], expected: [] },
  { name: 'a non-zero runAsUser is enough', objects: [deployment({ containers: [sc({ runAsUser: 1000 })] })], expected: [] },
  {
    name: 'a container overriding the pod with false is reported',
    objects: [deployment({ podSpec: { securityContext: { runAsNonRoot: true } }, containers: [sc({ runAsNonRoot: false })] })],
    expected: [
      {
        index: 0,
        path: `${C}.securityContext.runAsNonRoot`,
        message: 'Required value: container "app" may run as root; set securityContext.runAsNonRoot=true or a non-zero runAsUser on the pod or the container',
      },
    ],
  },
]);

table(readOnlyRootFilesystemRule, [
  { name: 'read-only is fine', objects: [deployment({ containers: [sc({ readOnlyRootFilesystem: true })] })], expected: [] },
  {
    name: 'unset is reported',
    objects: [deployment()],
    expected: [
      {
        index: 0,
        path: `${C}.securityContext.readOnlyRootFilesystem`,
        message: 'Required value: container "app" must set securityContext.readOnlyRootFilesystem=true (mount an emptyDir where it writes)',
      },
    ],
  },
]);

table(latestTagRule, [
  {
    name: 'version tags, digests and registry ports are fine',
    objects: [deployment({ containers: [container({ image: 'nginx:1.25' }), container({ name: 'b', image: 'registry:5000/app@sha256:abc' }), container({ name: 'c', image: 'registry:5000/team/app:v2' })] })],
    expected: [],
  },
  {
    name: 'latest and untagged images are reported (registry with a port is not a tag)',
    objects: [deployment({ containers: [container({ image: 'nginx:latest' }), container({ name: 'b', image: 'registry:5000/team/app' })] })],
    expected: [
      { index: 0, path: `${C}.image`, message: 'Invalid value: "nginx:latest": the tag "latest" moves; pin a version tag or a digest' },
      {
        index: 0,
        path: 'spec.template.spec.containers[1].image',
        message: 'Invalid value: "registry:5000/team/app": the image has no tag, so it means "latest"; pin a version tag or a digest',
      },
    ],
  },
]);

table(resourceRequestsRule, [
  { name: 'limits default the requests', objects: [deployment({ containers: [container({ extra: { resources: { limits: { cpu: '1', memory: '1Gi' } } } })] })], expected: [] },
  {
    name: 'missing requests are reported one per resource',
    objects: [deployment({ containers: [container({ extra: { resources: { requests: { memory: '64Mi' } } } })] })],
    expected: [{ index: 0, path: `${C}.resources.requests.cpu`, message: 'Required value: container "app" sets no cpu request' }],
  },
]);

table(resourceLimitsRule, [
  { name: 'a memory limit is enough', objects: [deployment({ containers: [container({ extra: { resources: { limits: { memory: '1Gi' } } } })] })], expected: [] },
  {
    name: 'a missing memory limit is reported',
    objects: [deployment({ containers: [container({ extra: { resources: { limits: { cpu: '1' } } } })] })],
    expected: [{ index: 0, path: `${C}.resources.limits.memory`, message: 'Required value: container "app" sets no memory limit' }],
  },
]);

table(readinessProbeRule, [
  { name: 'Jobs are not checked', objects: [job()], expected: [] },
  {
    name: 'a Deployment container without readinessProbe is reported',
    objects: [deployment({ containers: [container({ extra: { livenessProbe: { tcpSocket: { port: 80 } } } })] })],
    expected: [{ index: 0, path: `${C}.readinessProbe`, message: 'Required value: container "app" has no readinessProbe, so it receives traffic before it is ready' }],
  },
]);

table(livenessProbeRule, [
  {
    name: 'a Deployment container without livenessProbe is reported',
    objects: [deployment({ containers: [container({ extra: { readinessProbe: { tcpSocket: { port: 80 } } } })] })],
    expected: [{ index: 0, path: `${C}.livenessProbe`, message: 'Required value: container "app" has no livenessProbe, so a hung process is never restarted' }],
  },
]);

const hostVolume = (path: string) => ({ name: 'host', hostPath: { path } });
table(sensitiveHostMountsRule, [
  { name: 'a non-sensitive path is fine', objects: [deployment({ podSpec: { volumes: [hostVolume('/var/log/app'), hostVolume('/etcetera')] } })], expected: [] },
  {
    name: 'docker.sock, /etc subpaths and / are reported',
    objects: [deployment({ podSpec: { volumes: [hostVolume('/var/run/docker.sock'), hostVolume('/etc/kubernetes/'), hostVolume('//')] } })],
    expected: [
      { index: 0, path: 'spec.template.spec.volumes[0].hostPath.path', message: 'Forbidden: volume "host" mounts the sensitive host path "/var/run/docker.sock"' },
      { index: 0, path: 'spec.template.spec.volumes[1].hostPath.path', message: 'Forbidden: volume "host" mounts the sensitive host path "/etc/kubernetes/"' },
      { index: 0, path: 'spec.template.spec.volumes[2].hostPath.path', message: 'Forbidden: volume "host" mounts the sensitive host path "//"' },
    ],
  },
]);

table(writableHostMountRule, [
  {
    name: 'a writable hostPath mount is reported, a read-only one and an emptyDir are fine',
    objects: [
      deployment({
        podSpec: { volumes: [hostVolume('/var/log'), { name: 'tmp', emptyDir: {} }] },
        containers: [container({ extra: { volumeMounts: [{ name: 'host', mountPath: '/a', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }, { name: 'host', mountPath: '/b' }] } })],
      }),
    ],
    expected: [{ index: 0, path: `${C}.volumeMounts[2].readOnly`, message: 'Required value: container "app" mounts hostPath volume "host" writable; set readOnly: true' }],
  },
]);

table(hostPortRule, [
  {
    name: 'a hostPort is reported, hostPort 0 is fine',
    objects: [deployment({ containers: [container({ ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 443, hostPort: 8443 }] })] })],
    expected: [{ index: 0, path: `${C}.ports[1].hostPort`, message: 'Forbidden: container "app" binds port 8443 on the node; expose it with a Service instead' }],
  },
]);

table(unsafeSysctlsRule, [
  {
    name: 'unsafe sysctls are reported, safe ones are fine',
    objects: [deployment({ podSpec: { securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.core.somaxconn', value: '1024' }] } } })],
    expected: [
      {
        index: 0,
        path: 'spec.template.spec.securityContext.sysctls[1].name',
        message: 'Forbidden: sysctl "net.core.somaxconn" is unsafe; the kubelet rejects the pod unless the node allows it with --allowed-unsafe-sysctls',
      },
    ],
  },
]);

table(sshPortRule, [
  {
    name: '22/TCP is reported, 22/UDP is not',
    objects: [deployment({ containers: [container({ ports: [{ containerPort: 22, protocol: 'UDP' }, { containerPort: 22 }] })] })],
    expected: [{ index: 0, path: `${C}.ports[1].containerPort`, message: 'Invalid value: 22: container "app" exposes the SSH port; use kubectl exec for debugging instead' }],
  },
]);

table(nodePortRule, [
  { name: 'ClusterIP is fine', objects: [service('web', { app: 'web' })], expected: [] },
  {
    name: 'NodePort is reported',
    objects: [service('web', { app: 'web' }, undefined, { spec: { type: 'NodePort' } })],
    expected: [{ index: 0, path: 'spec.type', message: 'Invalid value: "NodePort": the Service opens a port on every node; use ClusterIP behind an Ingress, or a LoadBalancer' }],
  },
]);
