/**
 * The restricted controls of the Pod Security Standards (on top of baseline), as of Kubernetes 1.28.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
import { asArray, asObject } from '../../common/field';
import { volumesOf } from '../../cross/_support/pod';
import {
  allContainers,
  capabilityName,
  containerLabel,
  ControlFailure,
  isWindowsPod,
  PodSecurityControl,
  securityContextOf,
} from './control';

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
  check(pod) {
    const out: ControlFailure[] = [];
    for (const v of volumesOf(pod)) {
      for (const type of Object.keys(v.volume)) {
        if (type !== 'name' && !RESTRICTED_VOLUME_TYPES.has(type)) {
          out.push({
            path: `${v.path}.${type}`,
            detail: `restricted volume types (volume ${JSON.stringify(v.name)} uses restricted volume type ${JSON.stringify(type)})`,
          });
        }
      }
    }
    return out;
  },
};

const privilegeEscalation: PodSecurityControl = {
  name: 'Privilege Escalation',
  check(pod) {
    if (isWindowsPod(pod)) {
      return [];
    }
    return allContainers(pod)
      .filter((c) => securityContextOf(c.container).allowPrivilegeEscalation !== false)
      .map((c) => ({
        path: `${c.path}.securityContext.allowPrivilegeEscalation`,
        detail: `allowPrivilegeEscalation != false (${containerLabel(c)} must set securityContext.allowPrivilegeEscalation=false)`,
      }));
  },
};

const runAsNonRoot: PodSecurityControl = {
  name: 'Running as Non-root',
  check(pod) {
    const out: ControlFailure[] = [];
    const podValue = securityContextOf(pod.spec).runAsNonRoot;
    if (podValue === false) {
      out.push({
        path: `${pod.specPath}.securityContext.runAsNonRoot`,
        detail: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
      });
    }
    for (const c of allContainers(pod)) {
      const value = securityContextOf(c.container).runAsNonRoot;
      const path = `${c.path}.securityContext.runAsNonRoot`;
      if (value === false) {
        out.push({ path, detail: `runAsNonRoot != true (${containerLabel(c)} must not set securityContext.runAsNonRoot=false)` });
      } else if (value !== true && podValue !== true) {
        out.push({
          path,
          detail: `runAsNonRoot != true (pod or ${containerLabel(c)} must set securityContext.runAsNonRoot=true)`,
        });
      }
    }
    return out;
  },
};

const runAsUser: PodSecurityControl = {
  name: 'Running as Non-root user',
  check(pod) {
    const owners = [
      { owner: pod.spec, path: pod.specPath, who: 'pod' },
      ...allContainers(pod).map((c) => ({ owner: c.container, path: c.path, who: containerLabel(c) })),
    ];
    return owners
      .filter(({ owner }) => securityContextOf(owner).runAsUser === 0)
      .map(({ path, who }) => ({
        path: `${path}.securityContext.runAsUser`,
        detail: `runAsUser=0 (${who} must not set runAsUser=0)`,
      }));
  },
};

const ALLOWED_SECCOMP = ['RuntimeDefault', 'Localhost'];

const seccompRestricted: PodSecurityControl = {
  name: 'Seccomp',
  check(pod) {
    if (isWindowsPod(pod)) {
      return [];
    }
    const podType = asObject(securityContextOf(pod.spec).seccompProfile)?.type;
    if (ALLOWED_SECCOMP.includes(podType as string)) {
      return [];
    }
    return allContainers(pod)
      .filter((c) => {
        const type = asObject(securityContextOf(c.container).seccompProfile)?.type;
        // Unconfined is reported by the baseline control already.
        return type === undefined || (type !== 'Unconfined' && !ALLOWED_SECCOMP.includes(type as string));
      })
      .map((c) => ({
        path: `${c.path}.securityContext.seccompProfile.type`,
        detail: `seccompProfile (pod or ${containerLabel(c)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
      }));
  },
};

const capabilitiesRestricted: PodSecurityControl = {
  name: 'Capabilities',
  check(pod) {
    if (isWindowsPod(pod)) {
      return [];
    }
    const out: ControlFailure[] = [];
    for (const c of allContainers(pod)) {
      const caps = asObject(securityContextOf(c.container).capabilities) ?? {};
      const drops = asArray(caps.drop).filter((d): d is string => typeof d === 'string').map(capabilityName);
      if (!drops.includes('ALL')) {
        out.push({
          path: `${c.path}.securityContext.capabilities.drop`,
          detail: `unrestricted capabilities (${containerLabel(c)} must set securityContext.capabilities.drop=["ALL"])`,
        });
      }
      asArray(caps.add).forEach((cap, i) => {
        if (typeof cap === 'string' && capabilityName(cap) !== 'NET_BIND_SERVICE') {
          out.push({
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            detail: `unrestricted capabilities (${containerLabel(c)} must not include ${JSON.stringify(cap)} in securityContext.capabilities.add)`,
          });
        }
      });
    }
    return out;
  },
};

/** Every restricted control (checked in addition to the baseline ones), in the order of the standard. */
export const RESTRICTED_CONTROLS: readonly PodSecurityControl[] = [
  volumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
  capabilitiesRestricted,
];
