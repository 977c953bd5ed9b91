/**
 * Container resources (`ValidateResourceRequirements`) and security contexts (`ValidateSecurityContext`,
 * pod security context).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go`
 * (`ValidateResourceRequirements`, `validateContainerResourceName`, `ValidateSecurityContext`,
 * `validatePodSpecSecurityContext`, `validateSeccompProfileField`, `validateFSGroupChangePolicy`,
 * `ValidateProcMountType`).
 */
import { Violation } from '../../types';
import {
  asArray,
  asObject,
  forbidden,
  invalid,
  invalidEach,
  isSet,
  JsonObject,
  notSupported,
  readInt64,
  required,
} from '../common/field';
import { isQualifiedName, isValidUserOrGroupId } from '../common/names';
import { Quantity } from '../common/quantity';
import { validateSysctls, validateWindowsOptions } from './pod-security-options';

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const PROC_MOUNT_TYPES = ['Default', 'Unmasked'];
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
// validFSGroupChangePolicies.List(): sorted
const FS_GROUP_CHANGE_POLICIES = ['Always', 'OnRootMismatch'];

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

/** `ValidateContainerResourceName`: a standard container resource, hugepages, or an extended resource name. */
export function validateContainerResourceName(out: Violation[], name: string, path: string): void {
  invalidEach(out, path, name, isQualifiedName(name));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) {
      out.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && (name.startsWith('requests.') || isQualifiedName(`requests.${name}`).length > 0)) {
    out.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
}

function readQuantities(out: Violation[], map: JsonObject | undefined, path: string): Map<string, Quantity> {
  const result = new Map<string, Quantity>();
  if (!map) {
    return result;
  }
  for (const name of Object.keys(map)) {
    const p = `${path}[${name}]`;
    validateContainerResourceName(out, name, p);
    const q = Quantity.parse(map[name]);
    if (!q) {
      continue; // decode error, reported by the schema layer
    }
    if (q.sign < 0) {
      out.push(invalid(p, q.toString(), 'must be greater than or equal to 0'));
    }
    if (!isNative(name) && !q.isInteger) {
      out.push(invalid(p, q.toString(), 'must be an integer'));
    }
    result.set(name, q);
  }
  return result;
}

/** Checks `resources` of a container: names, non-negative values, request <= limit, extended resources. */
export function validateResources(out: Violation[], value: unknown, path: string): void {
  const resources = asObject(value);
  if (!resources) {
    return;
  }
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  const limits = readQuantities(out, asObject(resources.limits), limPath);
  const requests = readQuantities(out, asObject(resources.requests), reqPath);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit) {
      const cmp = request.compare(limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        out.push(invalid(reqPath, request.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (cmp > 0) {
        out.push(invalid(reqPath, request.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      out.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    out.push(forbidden(path, 'HugePages require cpu or memory'));
  }
}

function validateIds(out: Violation[], sc: JsonObject, path: string, fields: readonly string[]): void {
  for (const field of fields) {
    const id = readInt64(out, sc[field], `${path}.${field}`);
    if (id !== undefined) {
      invalidEach(out, `${path}.${field}`, id, isValidUserOrGroupId(id));
    }
  }
}

function validateSeccompProfile(out: Violation[], value: unknown, path: string): void {
  const sp = asObject(value);
  if (!sp) {
    return;
  }
  const type = sp.type;
  if (type === undefined || type === '') {
    out.push(required(`${path}.type`, 'type is required when seccompProfile is set'));
  } else if (typeof type === 'string' && !SECCOMP_TYPES.includes(type)) {
    out.push(notSupported(`${path}.type`, type, SECCOMP_TYPES));
  }
  const profile = sp.localhostProfile;
  if (type === 'Localhost') {
    if (typeof profile !== 'string' || profile.length === 0) {
      out.push(required(`${path}.localhostProfile`, 'must be set when seccomp type is Localhost'));
    } else {
      validateLocalDescendingPath(out, profile, `${path}.localhostProfile`);
    }
  } else if (isSet(profile)) {
    out.push(invalid(`${path}.localhostProfile`, sp, 'can only be set when seccomp type is Localhost'));
  }
}

/** A relative path without `..` elements (`validateLocalDescendingPath`). */
export function validateLocalDescendingPath(out: Violation[], value: string, path: string): void {
  if (value.startsWith('/')) {
    out.push(invalid(path, value, 'must be a relative path'));
  }
  if (value.split('/').includes('..')) {
    out.push(invalid(path, value, "must not contain '..'"));
  }
}

/** Checks a container `securityContext`. */
export function validateContainerSecurityContext(out: Violation[], value: unknown, path: string): void {
  const sc = asObject(value);
  if (!sc) {
    return;
  }
  validateIds(out, sc, path, ['runAsUser', 'runAsGroup']);
  if (typeof sc.procMount === 'string' && !PROC_MOUNT_TYPES.includes(sc.procMount)) {
    out.push(notSupported(`${path}.procMount`, sc.procMount, PROC_MOUNT_TYPES));
  }
  validateSeccompProfile(out, sc.seccompProfile, `${path}.seccompProfile`);
  validateWindowsOptions(out, sc.windowsOptions, `${path}.windowsOptions`);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      out.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    for (const cap of asArray(asObject(sc.capabilities)?.add)) {
      if (cap === 'CAP_SYS_ADMIN') {
        out.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
      }
    }
  }
}

/** Checks the pod `securityContext` plus `shareProcessNamespace` vs `hostPID`. */
export function validatePodSecurityContext(out: Violation[], spec: JsonObject, path: string): void {
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    out.push(invalid(`${path}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const sc = asObject(spec.securityContext);
  if (!sc) {
    return;
  }
  const scPath = `${path}.securityContext`;
  validateIds(out, sc, scPath, ['fsGroup', 'runAsUser', 'runAsGroup']);
  asArray(sc.supplementalGroups).forEach((gid, i) => {
    const id = readInt64(out, gid, `${scPath}.supplementalGroups[${i}]`);
    if (id !== undefined) {
      invalidEach(out, `${scPath}.supplementalGroups[${i}]`, id, isValidUserOrGroupId(id));
    }
  });
  if (typeof sc.fsGroupChangePolicy === 'string' && !FS_GROUP_CHANGE_POLICIES.includes(sc.fsGroupChangePolicy)) {
    out.push(notSupported(`${scPath}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, FS_GROUP_CHANGE_POLICIES));
  }
  validateSeccompProfile(out, sc.seccompProfile, `${scPath}.seccompProfile`);
  if (sc.sysctls !== undefined) validateSysctls(out, sc.sysctls, `${scPath}.sysctls`);
  validateWindowsOptions(out, sc.windowsOptions, `${scPath}.windowsOptions`);
}
