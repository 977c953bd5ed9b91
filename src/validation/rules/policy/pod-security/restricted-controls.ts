/**
 * The restricted controls of the Pod Security Standards (on top of baseline), as of Kubernetes 1.28.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
import { asArray, asObject, asString, JsonObject } from '../../common/field';
import { allContainers, capabilityName, containerLabel, isWindowsPod, PodSecurityControl, securityContextOf } from './control';

/** Volume sources the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const volumeTypes: PodSecurityControl = {
  name: 'Volume Types',
  check(pod, out) {
    const volumes = asArray(pod.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const volume = asObject(volumes[i]);
      if (volume === undefined) {
        continue;
      }
      for (const type in volume) {
        if (type !== 'name' && !RESTRICTED_VOLUME_TYPES.has(type)) {
          out.push({
            path: `${pod.specPath}.volumes[${i}].${type}`,
            detail: `restricted volume types (volume ${JSON.stringify(asString(volume.name) ?? '')} uses restricted volume type ${JSON.stringify(type)})`,
          });
        }
      }
    }
  },
};

const privilegeEscalation: PodSecurityControl = {
  name: 'Privilege Escalation',
  check(pod, out) {
    if (isWindowsPod(pod)) {
      return;
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (securityContextOf(c.container).allowPrivilegeEscalation !== false) {
        out.push({
          path: `${c.path}.securityContext.allowPrivilegeEscalation`,
          detail: `allowPrivilegeEscalation != false (${containerLabel(c)} must set securityContext.allowPrivilegeEscalation=false)`,
        });
      }
    }
  },
};

const runAsNonRoot: PodSecurityControl = {
  name: 'Running as Non-root',
  check(pod, out) {
    const podValue = securityContextOf(pod.spec).runAsNonRoot;
    if (podValue === false) {
      out.push({
        path: `${pod.specPath}.securityContext.runAsNonRoot`,
        detail: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
      });
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const value = securityContextOf(c.container).runAsNonRoot;
      if (value === false) {
        out.push({
          path: `${c.path}.securityContext.runAsNonRoot`,
          detail: `runAsNonRoot != true (${containerLabel(c)} must not set securityContext.runAsNonRoot=false)`,
        });
      } else if (value !== true && podValue !== true) {
        out.push({
          path: `${c.path}.securityContext.runAsNonRoot`,
          detail: `runAsNonRoot != true (pod or ${containerLabel(c)} must set securityContext.runAsNonRoot=true)`,
        });
      }
    }
  },
};

const runAsUser: PodSecurityControl = {
  name: 'Running as Non-root user',
  check(pod, out) {
    if (securityContextOf(pod.spec).runAsUser === 0) {
      out.push({ path: `${pod.specPath}.securityContext.runAsUser`, detail: 'runAsUser=0 (pod must not set runAsUser=0)' });
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (securityContextOf(c.container).runAsUser === 0) {
        out.push({
          path: `${c.path}.securityContext.runAsUser`,
          detail: `runAsUser=0 (${containerLabel(c)} must not set runAsUser=0)`,
        });
      }
    }
  },
};

const ALLOWED_SECCOMP = ['RuntimeDefault', 'Localhost'];

const seccompRestricted: PodSecurityControl = {
  name: 'Seccomp',
  check(pod, out) {
    if (isWindowsPod(pod)) {
      return;
    }
    const podType = asObject(securityContextOf(pod.spec).seccompProfile)?.type;
    if (ALLOWED_SECCOMP.includes(podType as string)) {
      return;
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const type = asObject(securityContextOf(c.container).seccompProfile)?.type;
      // Unconfined is reported by the baseline control already.
      if (type === undefined || (type !== 'Unconfined' && !ALLOWED_SECCOMP.includes(type as string))) {
        out.push({
          path: `${c.path}.securityContext.seccompProfile.type`,
          detail: `seccompProfile (pod or ${containerLabel(c)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
        });
      }
    }
  },
};

const capabilitiesRestricted: PodSecurityControl = {
  name: 'Capabilities',
  check(pod, out) {
    if (isWindowsPod(pod)) {
      return;
    }
    const containers = allContainers(pod);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const caps = asObject(securityContextOf(c.container).capabilities) ?? NO_CAPABILITIES;
      if (!dropsAll(caps.drop)) {
        out.push({
          path: `${c.path}.securityContext.capabilities.drop`,
          detail: `unrestricted capabilities (${containerLabel(c)} must set securityContext.capabilities.drop=["ALL"])`,
        });
      }
      const add = asArray(caps.add);
      for (let a = 0; a < add.length; a++) {
        const cap = add[a];
        if (typeof cap === 'string' && capabilityName(cap) !== 'NET_BIND_SERVICE') {
          out.push({
            path: `${c.path}.securityContext.capabilities.add[${a}]`,
            detail: `unrestricted capabilities (${containerLabel(c)} must not include ${JSON.stringify(cap)} in securityContext.capabilities.add)`,
          });
        }
      }
    }
  },
};

const NO_CAPABILITIES: JsonObject = Object.freeze({});

/** True when a `capabilities.drop` list names ALL (or CAP_ALL). */
function dropsAll(drop: unknown): boolean {
  const list = asArray(drop);
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (typeof d === 'string' && capabilityName(d) === 'ALL') {
      return true;
    }
  }
  return false;
}

/** Every restricted control (checked in addition to the baseline ones), in the order of the standard. */
export const RESTRICTED_CONTROLS: readonly PodSecurityControl[] = [
  volumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
  capabilitiesRestricted,
];
