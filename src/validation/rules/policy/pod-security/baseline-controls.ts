/**
 * The baseline controls of the Pod Security Standards, as of Kubernetes 1.28.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
import { asArray, asObject, asString } from '../../common/field';
import { portsOf, volumesOf } from '../../cross/_support/pod';
import { allContainers, capabilityName, containerLabel, ControlFailure, PodSecurityControl, securityContextOf } from './control';

/** Capabilities a baseline container may add (the container runtime's defaults). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Sysctls the baseline allows (the kubelet's safe set in 1.28). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
]);

const SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const hostProcess: PodSecurityControl = {
  name: 'HostProcess',
  check(pod) {
    const out: ControlFailure[] = [];
    const detail = (who: string): string => `hostProcess (${who} must not set securityContext.windowsOptions.hostProcess=true)`;
    if (asObject(securityContextOf(pod.spec).windowsOptions)?.hostProcess === true) {
      out.push({ path: `${pod.specPath}.securityContext.windowsOptions.hostProcess`, detail: detail('pod') });
    }
    for (const c of allContainers(pod)) {
      if (asObject(securityContextOf(c.container).windowsOptions)?.hostProcess === true) {
        out.push({ path: `${c.path}.securityContext.windowsOptions.hostProcess`, detail: detail(containerLabel(c)) });
      }
    }
    return out;
  },
};

const hostNamespaces: PodSecurityControl = {
  name: 'Host Namespaces',
  check(pod) {
    return ['hostNetwork', 'hostPID', 'hostIPC']
      .filter((field) => pod.spec[field] === true)
      .map((field) => ({ path: `${pod.specPath}.${field}`, detail: `host namespaces (${field}=true)` }));
  },
};

const privileged: PodSecurityControl = {
  name: 'Privileged Containers',
  check(pod) {
    return allContainers(pod)
      .filter((c) => securityContextOf(c.container).privileged === true)
      .map((c) => ({
        path: `${c.path}.securityContext.privileged`,
        detail: `privileged (${containerLabel(c)} must not set securityContext.privileged=true)`,
      }));
  },
};

const capabilities: PodSecurityControl = {
  name: 'Capabilities',
  check(pod) {
    const out: ControlFailure[] = [];
    for (const c of allContainers(pod)) {
      asArray(asObject(securityContextOf(c.container).capabilities)?.add).forEach((cap, i) => {
        if (typeof cap === 'string' && !BASELINE_CAPABILITIES.has(capabilityName(cap))) {
          out.push({
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            detail: `non-default capabilities (${containerLabel(c)} must not include ${JSON.stringify(cap)} in securityContext.capabilities.add)`,
          });
        }
      });
    }
    return out;
  },
};

const hostPathVolumes: PodSecurityControl = {
  name: 'HostPath Volumes',
  check(pod) {
    return volumesOf(pod)
      .filter((v) => asObject(v.volume.hostPath) !== undefined)
      .map((v) => ({ path: `${v.path}.hostPath`, detail: `hostPath volumes (volume ${JSON.stringify(v.name)})` }));
  },
};

const hostPorts: PodSecurityControl = {
  name: 'Host Ports',
  check(pod) {
    const out: ControlFailure[] = [];
    for (const c of allContainers(pod)) {
      portsOf(c.container).forEach((port, i) => {
        if (port.hostPort !== undefined && port.hostPort !== 0) {
          out.push({
            path: `${c.path}.ports[${i}].hostPort`,
            detail: `hostPort (${containerLabel(c)} uses hostPort ${port.hostPort})`,
          });
        }
      });
    }
    return out;
  },
};

const appArmor: PodSecurityControl = {
  name: 'AppArmor',
  check(pod) {
    return Object.entries(pod.annotations)
      .filter(([key, value]) => key.startsWith(APPARMOR_PREFIX) && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/'))
      .map(([key, value]) => ({
        path: `${pod.metadataPath}.annotations[${key}]`,
        detail: `forbidden AppArmor profile (${key}=${JSON.stringify(value)})`,
      }));
  },
};

const seLinux: PodSecurityControl = {
  name: 'SELinux',
  check(pod) {
    const owners = [
      { owner: pod.spec, path: pod.specPath, who: 'pod' },
      ...allContainers(pod).map((c) => ({ owner: c.container, path: c.path, who: containerLabel(c) })),
    ];
    const out: ControlFailure[] = [];
    for (const { owner, path, who } of owners) {
      const options = asObject(securityContextOf(owner).seLinuxOptions);
      if (!options) {
        continue;
      }
      const type = asString(options.type) ?? '';
      if (!SELINUX_TYPES.has(type)) {
        out.push({
          path: `${path}.securityContext.seLinuxOptions.type`,
          detail: `seLinuxOptions (${who} set forbidden securityContext.seLinuxOptions: type ${JSON.stringify(type)})`,
        });
      }
      for (const field of ['user', 'role']) {
        const value = asString(options[field]);
        if (value) {
          out.push({
            path: `${path}.securityContext.seLinuxOptions.${field}`,
            detail: `seLinuxOptions (${who} set forbidden securityContext.seLinuxOptions: ${field} ${JSON.stringify(value)})`,
          });
        }
      }
    }
    return out;
  },
};

const procMount: PodSecurityControl = {
  name: '/proc Mount Type',
  check(pod) {
    return allContainers(pod).flatMap((c) => {
      const value = asString(securityContextOf(c.container).procMount);
      return value !== undefined && value !== 'Default'
        ? [
            {
              path: `${c.path}.securityContext.procMount`,
              detail: `procMount (${containerLabel(c)} must not set securityContext.procMount to ${JSON.stringify(value)})`,
            },
          ]
        : [];
    });
  },
};

const seccompBaseline: PodSecurityControl = {
  name: 'Seccomp',
  check(pod) {
    const owners = [
      { owner: pod.spec, path: pod.specPath, who: 'pod' },
      ...allContainers(pod).map((c) => ({ owner: c.container, path: c.path, who: containerLabel(c) })),
    ];
    return owners
      .filter(({ owner }) => asObject(securityContextOf(owner).seccompProfile)?.type === 'Unconfined')
      .map(({ path, who }) => ({
        path: `${path}.securityContext.seccompProfile.type`,
        detail: `seccompProfile (${who} must not set securityContext.seccompProfile.type to "Unconfined")`,
      }));
  },
};

const sysctls: PodSecurityControl = {
  name: 'Sysctls',
  check(pod) {
    const out: ControlFailure[] = [];
    asArray(securityContextOf(pod.spec).sysctls).forEach((item, i) => {
      const name = asString(asObject(item)?.name);
      if (name !== undefined && !SAFE_SYSCTLS.has(name)) {
        out.push({ path: `${pod.specPath}.securityContext.sysctls[${i}].name`, detail: `forbidden sysctls (${name})` });
      }
    });
    return out;
  },
};

/** Every baseline control, in the order of the standard. */
export const BASELINE_CONTROLS: readonly PodSecurityControl[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilities,
  hostPathVolumes,
  hostPorts,
  appArmor,
  seLinux,
  procMount,
  seccompBaseline,
  sysctls,
];
