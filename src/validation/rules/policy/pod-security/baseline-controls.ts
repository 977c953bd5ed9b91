/**
 * The baseline controls of the Pod Security Standards, as of Kubernetes 1.28.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
import { asArray, asObject, asString, JsonObject } from '../../common/field';
import { ContainerEntry } from '../../cross/_support/pod';
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
  check(pod, out) {
    if (asObject(securityContextOf(pod.spec).windowsOptions)?.hostProcess === true) {
      out.push({ path: `${pod.specPath}.securityContext.windowsOptions.hostProcess`, detail: hostProcessDetail('pod') });
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (asObject(securityContextOf(c.container).windowsOptions)?.hostProcess === true) {
        out.push({ path: `${c.path}.securityContext.windowsOptions.hostProcess`, detail: hostProcessDetail(containerLabel(c)) });
      }
    }
  },
};

function hostProcessDetail(who: string): string {
  return `hostProcess (${who} must not set securityContext.windowsOptions.hostProcess=true)`;
}

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'];

const hostNamespaces: PodSecurityControl = {
  name: 'Host Namespaces',
  check(pod, out) {
    for (const field of HOST_NAMESPACE_FIELDS) {
      if (pod.spec[field] === true) {
        out.push({ path: `${pod.specPath}.${field}`, detail: `host namespaces (${field}=true)` });
      }
    }
  },
};

const privileged: PodSecurityControl = {
  name: 'Privileged Containers',
  check(pod, out) {
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (securityContextOf(c.container).privileged === true) {
        out.push({
          path: `${c.path}.securityContext.privileged`,
          detail: `privileged (${containerLabel(c)} must not set securityContext.privileged=true)`,
        });
      }
    }
  },
};

const capabilities: PodSecurityControl = {
  name: 'Capabilities',
  check(pod, out) {
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const add = asArray(asObject(securityContextOf(c.container).capabilities)?.add);
      for (let a = 0; a < add.length; a++) {
        const cap = add[a];
        if (typeof cap === 'string' && !BASELINE_CAPABILITIES.has(capabilityName(cap))) {
          out.push({
            path: `${c.path}.securityContext.capabilities.add[${a}]`,
            detail: `non-default capabilities (${containerLabel(c)} must not include ${JSON.stringify(cap)} in securityContext.capabilities.add)`,
          });
        }
      }
    }
  },
};

const hostPathVolumes: PodSecurityControl = {
  name: 'HostPath Volumes',
  check(pod, out) {
    const volumes = asArray(pod.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const volume = asObject(volumes[i]);
      if (volume !== undefined && asObject(volume.hostPath) !== undefined) {
        out.push({
          path: `${pod.specPath}.volumes[${i}].hostPath`,
          detail: `hostPath volumes (volume ${JSON.stringify(asString(volume.name) ?? '')})`,
        });
      }
    }
  },
};

const hostPorts: PodSecurityControl = {
  name: 'Host Ports',
  check(pod, out) {
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const ports = asArray(c.container.ports);
      for (let p = 0; p < ports.length; p++) {
        const hostPort = asObject(ports[p])?.hostPort;
        if (typeof hostPort === 'number' && hostPort !== 0) {
          out.push({
            path: `${c.path}.ports[${p}].hostPort`,
            detail: `hostPort (${containerLabel(c)} uses hostPort ${hostPort})`,
          });
        }
      }
    }
  },
};

const appArmor: PodSecurityControl = {
  name: 'AppArmor',
  check(pod, out) {
    const annotations = pod.annotations;
    for (const key in annotations) {
      const value = annotations[key];
      if (key.startsWith(APPARMOR_PREFIX) && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/')) {
        out.push({
          path: `${pod.metadataPath}.annotations[${key}]`,
          detail: `forbidden AppArmor profile (${key}=${JSON.stringify(value)})`,
        });
      }
    }
  },
};

const SELINUX_NAMED_FIELDS = ['user', 'role'];

const seLinux: PodSecurityControl = {
  name: 'SELinux',
  check(pod, out) {
    checkSeLinux(out, pod.spec, pod.specPath, undefined);
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      checkSeLinux(out, containers[i].container, containers[i].path, containers[i]);
    }
  },
};

/** The SELinux options of the pod (`container` undefined) or of one container. */
function checkSeLinux(out: ControlFailure[], owner: JsonObject, path: string, container: ContainerEntry | undefined): void {
  const options = asObject(securityContextOf(owner).seLinuxOptions);
  if (!options) {
    return;
  }
  const who = container === undefined ? 'pod' : containerLabel(container);
  const type = asString(options.type) ?? '';
  if (!SELINUX_TYPES.has(type)) {
    out.push({
      path: `${path}.securityContext.seLinuxOptions.type`,
      detail: `seLinuxOptions (${who} set forbidden securityContext.seLinuxOptions: type ${JSON.stringify(type)})`,
    });
  }
  for (const field of SELINUX_NAMED_FIELDS) {
    const value = asString(options[field]);
    if (value) {
      out.push({
        path: `${path}.securityContext.seLinuxOptions.${field}`,
        detail: `seLinuxOptions (${who} set forbidden securityContext.seLinuxOptions: ${field} ${JSON.stringify(value)})`,
      });
    }
  }
}

const procMount: PodSecurityControl = {
  name: '/proc Mount Type',
  check(pod, out) {
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const value = asString(securityContextOf(c.container).procMount);
      if (value !== undefined && value !== 'Default') {
        out.push({
          path: `${c.path}.securityContext.procMount`,
          detail: `procMount (${containerLabel(c)} must not set securityContext.procMount to ${JSON.stringify(value)})`,
        });
      }
    }
  },
};

const seccompBaseline: PodSecurityControl = {
  name: 'Seccomp',
  check(pod, out) {
    if (isUnconfined(pod.spec)) {
      out.push(unconfinedFailure(pod.specPath, 'pod'));
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (isUnconfined(c.container)) {
        out.push(unconfinedFailure(c.path, containerLabel(c)));
      }
    }
  },
};

function isUnconfined(owner: JsonObject): boolean {
  return asObject(securityContextOf(owner).seccompProfile)?.type === 'Unconfined';
}

function unconfinedFailure(path: string, who: string): ControlFailure {
  return {
    path: `${path}.securityContext.seccompProfile.type`,
    detail: `seccompProfile (${who} must not set securityContext.seccompProfile.type to "Unconfined")`,
  };
}

const sysctls: PodSecurityControl = {
  name: 'Sysctls',
  check(pod, out) {
    const list = asArray(securityContextOf(pod.spec).sysctls);
    for (let i = 0; i < list.length; i++) {
      const name = asString(asObject(list[i])?.name);
      if (name !== undefined && !SAFE_SYSCTLS.has(name)) {
        out.push({ path: `${pod.specPath}.securityContext.sysctls[${i}].name`, detail: `forbidden sysctls (${name})` });
      }
    }
  },
};

/** The baseline controls the restricted profile replaces with stricter ones of its own. */
export const OVERRIDDEN_BY_RESTRICTED: ReadonlySet<PodSecurityControl> = new Set([capabilities, hostPathVolumes]);

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
