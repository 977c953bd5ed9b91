/**
 * Container rules (`validateContainers`, `validateInitContainers`, `validateContainerCommon`): names,
 * image, ports, env, envFrom, volume mounts, pull policy, probes, lifecycle, resources, security context.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`validateContainers`,
 * `validateContainerPorts`, `ValidateEnv`, `validateEnvFrom`, `ValidateVolumeMounts`, `validatePullPolicy`), after
 * core/v1 `SetDefaults_Container` and `SetDefaults_ContainerPort` (`pkg/apis/core/v1/defaults.go`).
 */
import { Violation } from '../../types';
import {
  asArray,
  asObject,
  asStruct,
  checkEnum,
  duplicate,
  forbidden,
  invalid,
  invalidEach,
  isSet,
  JsonObject,
  notFound,
  notSupported,
  readInt32,
  required,
} from '../common/field';
import {
  isConfigMapKey,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isValidPortName,
  isValidPortNum,
} from '../common/names';
import { Quantity } from '../common/quantity';
import { validateLabelName } from '../common/selector';
import { ProbeKind, validateLifecycle, validateProbe } from './probe';
import { validateContainerSecurityContext, validateLocalDescendingPath, validateResources } from './resources';

/** Port protocols (sorted as the API server lists them). */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MOUNT_PROPAGATION_MODES = ['Bidirectional', 'HostToContainer', 'None'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const CONVERTIBLE_FIELD_PATHS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
const RESOURCE_FIELD_PATHS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];
const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const SUBSCRIPT_RE = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;
/** `fieldpath.SplitMaybeSubscriptedPath`: a non-empty path, `['`, a subscript, `']` at the end. */
const ANY_SUBSCRIPT_RE = /^.+?\['.*'\]$/s;

function validateKeySelector(out: Violation[], sel: JsonObject, path: string): void {
  const name = typeof sel.name === 'string' ? sel.name : '';
  invalidEach(out, `${path}.name`, name, isDns1123Subdomain(name));
  const key = typeof sel.key === 'string' ? sel.key : '';
  if (key.length === 0) {
    out.push(required(`${path}.key`));
  } else {
    invalidEach(out, `${path}.key`, key, isConfigMapKey(key));
  }
}

/**
 * `validateObjectFieldSelector`: a downward API field path, converted as the pod's field labels are
 * (`ConvertDownwardAPIFieldLabel`), then one of `allowed` (env and volumes allow different paths).
 */
export function validateFieldRef(out: Violation[], ref: JsonObject, path: string, allowed: readonly string[] = ENV_FIELD_PATHS): void {
  const fieldPath = typeof ref.fieldPath === 'string' ? ref.fieldPath : '';
  if (fieldPath.length === 0) {
    out.push(required(`${path}.fieldPath`));
    return;
  }
  const sub = SUBSCRIPT_RE.exec(fieldPath);
  if (sub) {
    validateLabelName(out, sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2], path);
  } else if (ANY_SUBSCRIPT_RE.test(fieldPath)) {
    out.push(invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`));
  } else if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath) && fieldPath !== 'spec.host') {
    out.push(invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`));
  } else {
    // ConvertDownwardAPIFieldLabel reads the v1 client's spec.host as spec.nodeName
    const converted = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
    if (!allowed.includes(converted)) {
      out.push(notSupported(`${path}.fieldPath`, converted, allowed));
    }
  }
}

/** `validateContainerResourceFieldSelector`: a resource of the container and a divisor fitting it. */
export function validateResourceFieldRef(out: Violation[], ref: JsonObject, path: string): void {
  const resource = typeof ref.resource === 'string' ? ref.resource : '';
  const huge = resource.startsWith('limits.hugepages-') || resource.startsWith('requests.hugepages-');
  if (resource.length === 0) {
    out.push(required(`${path}.resource`));
  } else if (!RESOURCE_FIELD_PATHS.includes(resource) && !huge) {
    out.push(notSupported(`${path}.resource`, resource, RESOURCE_FIELD_PATHS));
  }
  const divisor = Quantity.parse(ref.divisor);
  if (!divisor || divisor.sign === 0) {
    return;
  }
  const text = divisor.toString();
  const p = `${path}.divisor`;
  if (resource.endsWith('.cpu') && !CPU_DIVISORS.has(text)) {
    out.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource.endsWith('.memory') && !BYTE_DIVISORS.has(text)) {
    out.push(invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
  } else if (resource.endsWith('.ephemeral-storage') && !BYTE_DIVISORS.has(text)) {
    out.push(invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
  } else if (huge && !BYTE_DIVISORS.has(text)) {
    out.push(invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"));
  }
}

function validateEnv(out: Violation[], env: unknown, path: string): void {
  asArray(env).forEach((item, i) => {
    const ev = asObject(item);
    if (!ev) {
      return;
    }
    const p = `${path}[${i}]`;
    const name = typeof ev.name === 'string' ? ev.name : '';
    if (name.length === 0) {
      out.push(required(`${p}.name`));
    } else {
      invalidEach(out, `${p}.name`, name, isEnvVarName(name));
    }
    const from = asObject(ev.valueFrom);
    if (!from) {
      return;
    }
    const vp = `${p}.valueFrom`;
    let sources = 0;
    const fieldRef = asObject(from.fieldRef);
    if (fieldRef) {
      sources++;
      validateFieldRef(out, fieldRef, `${vp}.fieldRef`);
      // validateDownwardAPIHostIPs: status.hostIPs needs the PodHostIPs gate, alpha and off in 1.28
      if (fieldRef.fieldPath === 'status.hostIPs') {
        out.push(forbidden(`${vp}.fieldRef`, "may not be set when feature gate 'PodHostIPs' is not enabled"));
      }
    }
    const resourceRef = asObject(from.resourceFieldRef);
    if (resourceRef) {
      sources++;
      validateResourceFieldRef(out, resourceRef, `${vp}.resourceFieldRef`);
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const sel = asObject(from[kind]);
      if (sel) {
        sources++;
        validateKeySelector(out, sel, `${vp}.${kind}`);
      }
    }
    if (sources === 0) {
      out.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (typeof ev.value === 'string' && ev.value.length > 0) {
      out.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      out.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
}

function validateEnvFrom(out: Violation[], envFrom: unknown, path: string): void {
  asArray(envFrom).forEach((item, i) => {
    // a null entry is the zero EnvFromSource, which names no source (no schema-required field flags it)
    const ef = asStruct(item);
    const p = `${path}[${i}]`;
    if (typeof ef.prefix === 'string' && ef.prefix.length > 0) {
      invalidEach(out, `${p}.prefix`, ef.prefix, isEnvVarName(ef.prefix));
    }
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = asObject(ef[kind]);
      if (!ref) {
        continue;
      }
      sources++;
      const name = typeof ref.name === 'string' ? ref.name : '';
      if (name.length === 0) {
        out.push(required(`${p}.${kind}.name`));
      } else {
        invalidEach(out, `${p}.${kind}.name`, name, isDns1123Subdomain(name));
      }
    }
    if (sources === 0) {
      out.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    } else if (sources > 1) {
      out.push(invalid(path, '', 'may not have more than one field specified at a time'));
    }
  });
}

function validatePorts(out: Violation[], ports: unknown, path: string): void {
  const names = new Set<string>();
  asArray(ports).forEach((item, i) => {
    const port = asObject(item);
    if (!port) {
      return;
    }
    const p = `${path}[${i}]`;
    if (typeof port.name === 'string' && port.name.length > 0) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) {
        invalidEach(out, `${p}.name`, port.name, msgs);
      } else if (names.has(port.name)) {
        out.push(duplicate(`${p}.name`, port.name));
      } else {
        names.add(port.name);
      }
    }
    const containerPort = readInt32(out, port.containerPort, `${p}.containerPort`);
    if (containerPort === undefined || containerPort === 0) {
      if (!isSet(port.containerPort) || containerPort === 0) {
        out.push(required(`${p}.containerPort`));
      }
    } else {
      invalidEach(out, `${p}.containerPort`, containerPort, isValidPortNum(containerPort));
    }
    const hostPort = readInt32(out, port.hostPort, `${p}.hostPort`);
    if (hostPort !== undefined && hostPort !== 0) {
      invalidEach(out, `${p}.hostPort`, hostPort, isValidPortNum(hostPort));
    }
    if (port.protocol !== '') checkEnum(out, port.protocol, `${p}.protocol`, PORT_PROTOCOLS);
  });
}

/**
 * `validateMountPropagation`: a set propagation mode (even `""`, which is not defaulted) is one of the
 * modes, and Bidirectional needs a privileged container.
 */
function validateMountPropagation(out: Violation[], mode: unknown, container: JsonObject, path: string): void {
  if (typeof mode !== 'string' || !MOUNT_PROPAGATION_MODES.includes(mode)) {
    out.push(notSupported(path, mode, MOUNT_PROPAGATION_MODES));
  } else if (mode === 'Bidirectional' && asObject(container.securityContext)?.privileged !== true) {
    out.push(forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'));
  }
}

function validateVolumeMounts(out: Violation[], container: JsonObject, volumes: ReadonlySet<string>, path: string): void {
  const devices = asArray(container.volumeDevices).map((d) => asObject(d) ?? {});
  const mountPaths = new Set<string>();
  asArray(container.volumeMounts).forEach((item, i) => {
    const mnt = asObject(item);
    if (!mnt) {
      return;
    }
    const p = `${path}[${i}]`;
    const name = typeof mnt.name === 'string' ? mnt.name : '';
    if (name.length === 0) {
      out.push(required(`${p}.name`));
    }
    if (!volumes.has(name)) {
      out.push(notFound(`${p}.name`, name));
    }
    const mountPath = typeof mnt.mountPath === 'string' ? mnt.mountPath : '';
    if (mountPath.length === 0) {
      out.push(required(`${p}.mountPath`));
    }
    if (mountPaths.has(mountPath)) {
      out.push(invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    }
    mountPaths.add(mountPath);
    if (devices.some((d) => d.name === name)) {
      out.push(invalid(`${p}.name`, name, 'must not already exist in volumeDevices'));
    }
    if (devices.some((d) => d.devicePath === mountPath)) {
      out.push(invalid(`${p}.mountPath`, mountPath, 'must not already exist as a path in volumeDevices'));
    }
    // ValidateVolumeMounts words subPath, subPathExpr and mountPropagation errors at the list's path
    // (`fldPath.Child("subPath")`, without the index), as the server prints them.
    const subPath = typeof mnt.subPath === 'string' ? mnt.subPath : '';
    if (subPath.length > 0) {
      validateLocalDescendingPath(out, subPath, `${path}.subPath`);
    }
    const subPathExpr = typeof mnt.subPathExpr === 'string' ? mnt.subPathExpr : '';
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) {
        out.push(invalid(`${p}.subPathExpr`, subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      }
      validateLocalDescendingPath(out, subPathExpr, `${path}.subPathExpr`);
    }
    if (isSet(mnt.mountPropagation)) validateMountPropagation(out, mnt.mountPropagation, container, `${path}.mountPropagation`);
  });
}

function validateContainerCommon(out: Violation[], ctr: JsonObject, volumes: ReadonlySet<string>, path: string): void {
  const name = typeof ctr.name === 'string' ? ctr.name : '';
  if (name.length === 0) {
    out.push(required(`${path}.name`));
  } else {
    invalidEach(out, `${path}.name`, name, isDns1123Label(name));
  }
  if (typeof ctr.image !== 'string' || ctr.image.length === 0) {
    out.push(required(`${path}.image`));
  }
  // Most optional fields are absent: their paths are only built when there is something to check.
  // core/v1 SetDefaults_Container (pkg/apis/core/v1/defaults.go) fills an empty imagePullPolicy and
  // terminationMessagePolicy, and the declarative `+default="TCP"` an empty port protocol
  // (zz_generated.defaults.go), before validation.
  if (ctr.terminationMessagePolicy !== undefined && ctr.terminationMessagePolicy !== '') {
    checkEnum(out, ctr.terminationMessagePolicy, `${path}.terminationMessagePolicy`, TERMINATION_MESSAGE_POLICIES);
  }
  if (ctr.ports !== undefined) validatePorts(out, ctr.ports, `${path}.ports`);
  if (ctr.env !== undefined) validateEnv(out, ctr.env, `${path}.env`);
  if (ctr.envFrom !== undefined) validateEnvFrom(out, ctr.envFrom, `${path}.envFrom`);
  if (ctr.volumeMounts !== undefined) validateVolumeMounts(out, ctr, volumes, `${path}.volumeMounts`);
  if (ctr.imagePullPolicy !== undefined && ctr.imagePullPolicy !== '') checkEnum(out, ctr.imagePullPolicy, `${path}.imagePullPolicy`, PULL_POLICIES);
  if (ctr.resources !== undefined) validateResources(out, ctr.resources, `${path}.resources`);
  if (ctr.securityContext !== undefined) validateContainerSecurityContext(out, ctr.securityContext, `${path}.securityContext`);
}

/**
 * Runs the common container rules on every container of `list`, reports a name already in `names`
 * (containers and init containers share one name space) and adds the others, then hands each
 * container to `each` for the rules of its list.
 */
function forEachContainer(out: Violation[], list: readonly unknown[], names: Set<string>, volumes: ReadonlySet<string>, path: string,
  each: (ctr: JsonObject, p: string) => void): void {
  list.forEach((item, i) => {
    const ctr = asObject(item);
    if (!ctr) {
      return;
    }
    const p = `${path}[${i}]`;
    validateContainerCommon(out, ctr, volumes, p);
    const name = typeof ctr.name === 'string' ? ctr.name : '';
    if (names.has(name)) {
      out.push(duplicate(`${p}.name`, name));
    } else {
      names.add(name);
    }
    each(ctr, p);
  });
}

/** Checks `containers` (non-empty, unique names, probes, lifecycle) and returns their names. */
export function validateContainers(out: Violation[], containers: unknown, volumes: ReadonlySet<string>, path: string): Set<string> {
  const list = asArray(containers);
  if (list.length === 0) {
    out.push(required(path));
  }
  const names = new Set<string>();
  forEachContainer(out, list, names, volumes, path, (ctr, p) => {
    if (ctr.lifecycle !== undefined) validateLifecycle(out, ctr.lifecycle, `${p}.lifecycle`);
    if (ctr.livenessProbe !== undefined) validateProbe(out, ctr.livenessProbe, `${p}.livenessProbe`, ProbeKind.LIVENESS);
    if (ctr.readinessProbe !== undefined) validateProbe(out, ctr.readinessProbe, `${p}.readinessProbe`, ProbeKind.READINESS);
    if (ctr.startupProbe !== undefined) validateProbe(out, ctr.startupProbe, `${p}.startupProbe`, ProbeKind.STARTUP);
    if (isSet(ctr.restartPolicy)) {
      out.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  return names;
}

/**
 * Checks `initContainers`: the common container rules, names unique across all containers, and no
 * probes or lifecycle (the 1.28 sidecar gate is off, so `restartPolicy: Always` is dropped).
 */
export function validateInitContainers(out: Violation[], initContainers: unknown, others: ReadonlySet<string>, volumes: ReadonlySet<string>, path: string): void {
  forEachContainer(out, asArray(initContainers), new Set(others), volumes, path, (ctr, p) => {
    for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (isSet(ctr[field])) {
        out.push(forbidden(`${p}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
}

/** Host port conflicts across containers, and hostPort == containerPort under hostNetwork. */
export function validateHostPorts(out: Violation[], containers: unknown, hostNetwork: boolean, path: string): void {
  const seen = new Set<string>();
  asArray(containers).forEach((item, ci) => {
    asArray(asObject(item)?.ports).forEach((portItem, pi) => {
      const port = asObject(portItem);
      if (!port) {
        return;
      }
      const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if (hostNetwork && hostPort !== 0 && hostPort !== port.containerPort) {
        out.push(invalid(`${path}[${ci}].ports[${pi}].containerPort`, port.containerPort, 'must match `hostPort` when `hostNetwork` is true'));
      }
      const effective = hostNetwork && hostPort === 0 ? port.containerPort : hostPort;
      if (typeof effective !== 'number' || effective === 0) {
        return;
      }
      const key = `${typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP'}/${typeof port.hostIP === 'string' ? port.hostIP : ''}/${effective}`;
      if (seen.has(key)) {
        out.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      }
      seen.add(key);
    });
  });
}
