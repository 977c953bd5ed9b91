/**
 * The shape of one Pod Security Standards control and small readers shared by the controls.
 */
import { asObject, JsonObject } from '../../common/field';
import { ContainerEntry, containersOf, PodTemplate } from '../../cross/_support/pod';

/** A failed control on one field: the field path and the admission-style detail. */
export interface ControlFailure {
  readonly path: string;
  /** `<control> (<what must change>)`, as the PodSecurity admission words its reasons. */
  readonly detail: string;
}

/** One control of the Pod Security Standards. */
export interface PodSecurityControl {
  /** The control name as the standard lists it, e.g. `Host Namespaces`. */
  readonly name: string;
  /**
   * Appends the pod's failures of this control to `out` (paths and details are only built for a
   * failure: a pod that passes costs no allocation).
   */
  check(pod: PodTemplate, out: ControlFailure[]): void;
}

/** The security context of a pod spec or container (empty when unset). */
export function securityContextOf(owner: JsonObject): JsonObject {
  return asObject(owner.securityContext) ?? NO_CONTEXT;
}

/** Shared by every owner without a security context (read-only). */
const NO_CONTEXT: JsonObject = Object.freeze({});

/** Every container of the pod (regular, init, ephemeral), as the admission checks them. */
export function allContainers(pod: PodTemplate): readonly ContainerEntry[] {
  return containersOf(pod);
}

/** `container "app"` (the admission uses this for every container list). */
export function containerLabel(entry: ContainerEntry): string {
  return `container ${JSON.stringify(entry.name)}`;
}

/** True for Windows pods (`spec.os.name: windows`), which some restricted controls exempt. */
export function isWindowsPod(pod: PodTemplate): boolean {
  return asObject(pod.spec.os)?.name === 'windows';
}

/** Capability names without the `CAP_` prefix some manifests use. */
export function capabilityName(value: string): string {
  return value.startsWith('CAP_') ? value.slice(4) : value;
}
