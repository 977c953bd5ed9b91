/**
 * Probe and lifecycle handler rules (`validateProbe`, `validateHandler`, `validateLifecycle`).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`validateProbe`,
 * `validateHandler`, `validateLifecycle`, `validateHTTPGetAction`, `validateTCPSocketAction`, `validateGRPCAction`),
 * after core/v1 `SetDefaults_Probe` and `SetDefaults_HTTPGetAction` (`pkg/apis/core/v1/defaults.go`).
 */
import { Violation } from '../../types';
import {
  asArray,
  asObject,
  forbidden,
  invalid,
  invalidEach,
  isSet,
  notSupported,
  readInt32,
  readInt64,
  readNonNegativeInt32,
  required,
} from '../common/field';
import { isHttpHeaderName, isValidPortNum } from '../common/names';
import { validatePortNumOrName } from '../common/int-or-string';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];

/** Checks one handler (probe or lifecycle): exactly one type, then the type's own fields. */
function validateHandler(out: Violation[], handler: Readonly<Record<string, unknown>>, path: string, types: readonly string[]): void {
  let count = 0;
  for (const type of types) {
    const value = handler[type];
    if (!isSet(value)) {
      continue;
    }
    if (count > 0) {
      out.push(forbidden(`${path}.${type}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const action = asObject(value) ?? {};
    const p = `${path}.${type}`;
    switch (type) {
      case 'exec':
        if (asArray(action.command).length === 0) {
          out.push(required(`${p}.command`));
        }
        break;
      case 'httpGet':
        validatePortNumOrName(out, action.port, `${p}.port`);
        if (typeof action.scheme === 'string' && action.scheme !== '' && !HTTP_SCHEMES.includes(action.scheme)) {
          out.push(notSupported(`${p}.scheme`, action.scheme, HTTP_SCHEMES));
        }
        for (const h of asArray(action.httpHeaders)) {
          const name = asObject(h)?.name;
          if (typeof name === 'string') {
            invalidEach(out, `${p}.httpHeaders`, name, isHttpHeaderName(name));
          }
        }
        break;
      case 'tcpSocket':
        validatePortNumOrName(out, action.port, `${p}.port`);
        break;
      case 'grpc': {
        const port = readInt32(out, action.port, `${p}.port`);
        if (port !== undefined) {
          invalidEach(out, `${p}.port`, port, isValidPortNum(port));
        }
        break;
      }
      default:
        break;
    }
  }
  if (count === 0) {
    out.push(required(path, 'must specify a handler type'));
  }
}

/** The kind of probe, which decides the extra rules. */
export enum ProbeKind {
  LIVENESS = 'livenessProbe',
  READINESS = 'readinessProbe',
  STARTUP = 'startupProbe',
}

/** The int32 fields of a probe (non-negative). */
const PROBE_INT_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/** Checks a probe of the given kind at `path`. */
export function validateProbe(out: Violation[], value: unknown, path: string, kind: ProbeKind): void {
  const probe = asObject(value);
  if (!probe) {
    return;
  }
  validateHandler(out, probe, path, PROBE_HANDLERS);
  for (const field of PROBE_INT_FIELDS) {
    if (probe[field] !== undefined) readNonNegativeInt32(out, probe[field], `${path}.${field}`);
  }
  const grace = probe.terminationGracePeriodSeconds === undefined
    ? undefined
    : readInt64(out, probe.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`);
  if (grace !== undefined && grace <= 0) {
    out.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  }
  const success = probe.successThreshold;
  // 0 and unset are defaulted to 1.
  if ((kind === ProbeKind.LIVENESS || kind === ProbeKind.STARTUP) && typeof success === 'number' && success !== 0 && success !== 1) {
    out.push(invalid(`${path}.successThreshold`, success, 'must be 1'));
  }
  if (kind === ProbeKind.READINESS && isSet(probe.terminationGracePeriodSeconds)) {
    out.push(invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
}

/** Checks `lifecycle.postStart` and `lifecycle.preStop`. */
export function validateLifecycle(out: Violation[], value: unknown, path: string): void {
  const lifecycle = asObject(value);
  if (!lifecycle) {
    return;
  }
  for (const hook of ['postStart', 'preStop']) {
    const handler = asObject(lifecycle[hook]);
    if (handler) {
      validateHandler(out, handler, `${path}.${hook}`, LIFECYCLE_HANDLERS);
    }
  }
}
